public import Foundation
public import KlageKernel
public import KlageReports

extension SQLKlageStore: ReportStore {
    public func complaintFacts(tenant: TenantID, receivedFrom from: Date, to: Date) async throws -> [ComplaintFacts] {
        try await read(tenant) { connection in try Self.facts(tenant: tenant, from: from, to: to, on: connection) }
    }

    public func reportCells(
        tenant: TenantID, family: String, days: Range<Int>, department: String?, months: Bool,
        group: @escaping @Sendable (_ day: Int, _ key: ReportCellKey) -> ReportCellGroup
    ) async throws -> StoredReportCells {
        try await read(tenant) { connection in
            let stale = try Self.staleDays(tenant: tenant, days: days, on: connection)
            let (rolled, unrolled) = months ? try Self.rolledUpMonths(tenant: tenant, within: days, stale: stale, on: connection) : ([], 0)
            var cells: [ReportCellGroup: ReportCell] = [:]
            // Each row is added to its group as it is read: no cell of its own, whatever the number of rows.
            func add(_ rows: [SQLRow], day column: String, keeping wanted: (Int) -> Bool) throws {
                for row in rows {
                    guard let day = row[column].integer.map(Int.init), wanted(day) else { continue }
                    let key = ReportCellKey(department: try row.string("department"), family: family, value: try row.string("value"))
                    cells[group(day, key), default: ReportCell()].merge(encoded: try row.string("cell"))
                }
            }
            if let first = rolled.first, let last = rolled.last {
                let wanted = Set(rolled.map(\.lowerBound))
                var sql: SQL = """
                    SELECT month, department, value, cell FROM report_months
                    WHERE tenant_id = \(tenant) AND family = \(family) AND month >= \(first.lowerBound) AND month < \(last.upperBound)
                    """
                if let department { sql = sql + " AND department = \(department)" }
                try add(try connection.query(sql), day: "month", keeping: wanted.contains)
            }
            let staleSet = Set(stale)
            // A quarter's days per query at most, so that the rows read at once stay a few megabytes.
            let byDay = days.filter { day in !rolled.contains { $0.contains(day) } && !staleSet.contains(day) }
            for run in Self.runs(of: byDay).flatMap({ run in
                stride(from: run.lowerBound, to: run.upperBound, by: 92).map { $0..<min($0 + 92, run.upperBound) }
            }) {
                var sql: SQL = """
                    SELECT day, department, value, cell FROM report_cells
                    WHERE tenant_id = \(tenant) AND family = \(family) AND day >= \(run.lowerBound) AND day < \(run.upperBound)
                    """
                if let department { sql = sql + " AND department = \(department)" }
                try add(try connection.query(sql), day: "day") { _ in true }
            }
            return StoredReportCells(cells: cells, stale: stale, monthsToRollUp: unrolled)
        }
    }

    /// The whole months within `days` whose cells are rolled up and none of whose days is stale, and
    /// how many more months have only fresh days but are not rolled up.
    static func rolledUpMonths(tenant: TenantID, within days: Range<Int>, stale: [Int], on connection: any SQLConnection) throws -> (
        rolled: [Range<Int>], unrolled: Int
    ) {
        let months = ReportDay.months(in: days).filter { month in !stale.contains { month.contains($0) } }
        guard let first = months.first, let last = months.last else { return ([], 0) }
        let done = Set(
            try connection.query(
                """
                SELECT month FROM report_month_status
                WHERE tenant_id = \(tenant) AND month >= \(first.lowerBound) AND month < \(last.upperBound)
                """
            ).compactMap { $0["month"].integer.map(Int.init) })
        let rolled = months.filter { done.contains($0.lowerBound) }
        return (rolled, months.count - rolled.count)
    }

    public func rollUpReportMonths(tenant: TenantID, days: Range<Int>) async throws -> Int {
        let dialect = driver.dialect
        // Most calls find nothing to do: they look first without taking the writer.
        let pending = try await read(tenant) { connection in try Self.monthsToRollUp(tenant: tenant, within: days, on: connection) }
        var rolled = 0
        // A few months per transaction, so that the writer is never held long.
        for batch in stride(from: 0, to: pending.count, by: 3).map({ Set(pending[$0..<min($0 + 3, pending.count)]) }) {
            rolled += try await write(tenant) { connection in
                try Self.serialiseReportFigures(of: tenant, dialect: dialect, on: connection)
                let months = try Self.monthsToRollUp(tenant: tenant, within: days, on: connection).filter(batch.contains)
                for month in months { try Self.rollUp(month: month, tenant: tenant, on: connection) }
                return months.count
            }
        }
        return rolled
    }

    /// Replaces a month's rolled-up cells by the sum of its days' cells, and marks it rolled up.
    static func rollUp(month: Range<Int>, tenant: TenantID, on connection: any SQLConnection) throws {
        var merged: [ReportCellKey: ReportCell] = [:]
        let rows = try connection.query(
            """
            SELECT family, department, value, cell FROM report_cells
            WHERE tenant_id = \(tenant) AND day >= \(month.lowerBound) AND day < \(month.upperBound)
            """)
        for row in rows {
            let key = ReportCellKey(department: try row.string("department"), family: try row.string("family"), value: try row.string("value"))
            merged[key, default: ReportCell()].merge(ReportCell(encoded: try row.string("cell")))
        }
        for (key, cell) in merged {
            try connection.execute(
                """
                INSERT INTO report_months (tenant_id, family, month, department, value, cell)
                VALUES (\(tenant), \(key.family), \(month.lowerBound), \(key.department), \(key.value), \(cell.encoded))
                """)
        }
        try connection.execute("INSERT INTO report_month_status (tenant_id, month) VALUES (\(tenant), \(month.lowerBound))")
    }

    /// The whole months within `days` not rolled up yet whose days are all computed and unchanged.
    static func monthsToRollUp(tenant: TenantID, within days: Range<Int>, on connection: any SQLConnection) throws -> [Range<Int>] {
        let months = ReportDay.months(in: days)
        guard let first = months.first, let last = months.last else { return [] }
        let stale = try Self.staleDays(tenant: tenant, days: first.lowerBound..<last.upperBound, on: connection)
        let done = Set(try rolledUpMonths(tenant: tenant, within: days, stale: [], on: connection).rolled.map(\.lowerBound))
        return months.filter { month in !done.contains(month.lowerBound) && !stale.contains { month.contains($0) } }
    }

    /// Takes turns with other instances refreshing or rolling up the same tenant's figures (PostgreSQL;
    /// SQLite writes one transaction at a time anyway), so a month is never rolled up from day cells
    /// another transaction is replacing.
    static func serialiseReportFigures(of tenant: TenantID, dialect: SQLDialect, on connection: any SQLConnection) throws {
        guard dialect == .postgres else { return }
        try connection.execute("SELECT pg_advisory_xact_lock(4242002, hashtext(\(tenant)))")
    }

    public func refreshReportDays(tenant: TenantID, days: [Int], family: String, department: String?) async throws
        -> [(day: Int, key: ReportCellKey, cell: ReportCell)]
    {
        let now = Date()
        let dialect = driver.dialect
        return try await write(tenant) { connection in
            try Self.serialiseReportFigures(of: tenant, dialect: dialect, on: connection)
            var result: [(day: Int, key: ReportCellKey, cell: ReportCell)] = []
            for run in Self.runs(of: days) {
                // The months these days belong to are rolled up again once every day of them is fresh.
                let months = ReportDay.monthStart(of: run.lowerBound)...ReportDay.monthStart(of: run.upperBound - 1)
                try connection.execute(
                    "DELETE FROM report_months WHERE tenant_id = \(tenant) AND month >= \(months.lowerBound) AND month <= \(months.upperBound)")
                try connection.execute(
                    "DELETE FROM report_month_status WHERE tenant_id = \(tenant) AND month >= \(months.lowerBound) AND month <= \(months.upperBound)"
                )
                // Marks are cleared first: a write committed after this transaction's reads leaves its mark.
                try connection.execute(
                    "DELETE FROM report_changes WHERE tenant_id = \(tenant) AND day >= \(run.lowerBound) AND day < \(run.upperBound)")
                try connection.execute(
                    "DELETE FROM report_cells WHERE tenant_id = \(tenant) AND day >= \(run.lowerBound) AND day < \(run.upperBound)")
                let facts = try Self.facts(tenant: tenant, from: ReportDay.start(run.lowerBound), to: ReportDay.start(run.upperBound), on: connection)
                let byDay = Dictionary(grouping: facts) { ReportDay.of($0.complaint.receivedAt) }
                for day in run {
                    for (key, cell) in ReportCell.cells(of: byDay[day] ?? []) {
                        try connection.execute(
                            """
                            INSERT INTO report_cells (tenant_id, family, day, department, value, cell)
                            VALUES (\(tenant), \(key.family), \(day), \(key.department), \(key.value), \(cell.encoded))
                            """)
                        if key.family == family, department == nil || key.department == department { result.append((day, key, cell)) }
                    }
                    try connection.execute(
                        """
                        INSERT INTO report_days (tenant_id, day, computed_at) VALUES (\(tenant), \(day), \(now))
                        ON CONFLICT (tenant_id, day) DO UPDATE SET computed_at = excluded.computed_at
                        """)
                }
            }
            return result
        }
    }

    public func staleReportDays(tenant: TenantID, days: Range<Int>) async throws -> [Int] {
        try await read(tenant) { connection in try Self.staleDays(tenant: tenant, days: days, on: connection) }
    }

    /// The days of `days` without computed cells or with change marks.
    static func staleDays(tenant: TenantID, days: Range<Int>, on connection: any SQLConnection) throws -> [Int] {
        let computed = Set(
            try connection.query(
                "SELECT day FROM report_days WHERE tenant_id = \(tenant) AND day >= \(days.lowerBound) AND day < \(days.upperBound)"
            ).compactMap { $0["day"].integer.map(Int.init) })
        let changed = Set(
            try connection.query(
                "SELECT DISTINCT day FROM report_changes WHERE tenant_id = \(tenant) AND day >= \(days.lowerBound) AND day < \(days.upperBound)"
            ).compactMap { $0["day"].integer.map(Int.init) })
        return days.filter { !computed.contains($0) || changed.contains($0) }
    }

    public func changedReportDays(tenant: TenantID, limit: Int) async throws -> [Int] {
        try await read(tenant) { connection in
            try connection.query(
                "SELECT DISTINCT day FROM report_changes WHERE tenant_id = \(tenant) ORDER BY day LIMIT \(limit)"
            ).compactMap { $0["day"].integer.map(Int.init) }
        }
    }

    /// Marks the day `receivedAt` falls on as changed, for the report cells; inside the write's transaction.
    static func markReportDay(tenant: TenantID, receivedAt: Date, on connection: any SQLConnection) throws {
        try connection.send(
            "INSERT INTO report_changes (tenant_id, day, id) VALUES (\(tenant), \(ReportDay.of(receivedAt)), \(UUID().uuidString))")
    }

    /// Marks the day a stored complaint was received as changed (for writes that know only its id).
    static func markReportDay(tenant: TenantID, complaint: ComplaintID, on connection: any SQLConnection) throws {
        guard let row = try connection.queryFirst("SELECT received_at FROM complaints WHERE tenant_id = \(tenant) AND id = \(complaint)")
        else { return }
        try markReportDay(tenant: tenant, receivedAt: try row.date("received_at"), on: connection)
    }

    /// The facts of complaints received in `[from, to)`: each complaint with sums over its contacts, effort and survey.
    static func facts(tenant: TenantID, from: Date, to: Date, on connection: any SQLConnection) throws -> [ComplaintFacts] {
        let oral = ContactKind.allCases.filter(\.isOral).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let sql: SQL = """
            SELECT c.*,
                (SELECT COUNT(*) FROM contacts k WHERE k.tenant_id = c.tenant_id AND k.complaint_id = c.id
                    AND k.reached = 0 AND k.kind IN (\(unsafeRaw: oral))) AS failed_attempts,
                (SELECT MIN(k.occurred_at) FROM contacts k WHERE k.tenant_id = c.tenant_id AND k.complaint_id = c.id
                    AND k.reached = 1 AND k.kind IN (\(unsafeRaw: oral))) AS first_conversation_at,
                (SELECT COALESCE(SUM(k.duration_minutes), 0) FROM contacts k
                    WHERE k.tenant_id = c.tenant_id AND k.complaint_id = c.id) AS contact_minutes,
                (SELECT COALESCE(SUM(e.minutes), 0) FROM efforts e WHERE e.tenant_id = c.tenant_id AND e.complaint_id = c.id) AS effort_minutes,
                s.issued_at AS survey_issued_at, s.score AS survey_score
            FROM complaints c
            LEFT JOIN surveys s ON s.tenant_id = c.tenant_id AND s.complaint_id = c.id
            WHERE c.tenant_id = \(tenant) AND c.received_at >= \(from) AND c.received_at < \(to)
            """
        return try connection.query(sql).map { row in
            ComplaintFacts(
                complaint: try Complaint(row: row), failedCallAttempts: Int(row["failed_attempts"].integer ?? 0),
                staffMinutes: Int((row["contact_minutes"].integer ?? 0) + (row["effort_minutes"].integer ?? 0)),
                surveyIssued: row["survey_issued_at"] != .null, surveyScore: row["survey_score"].integer.map(Int.init),
                firstConversationAt: row.optionalDate("first_conversation_at"))
        }
    }

    /// Sorted days as contiguous ranges.
    static func runs(of days: [Int]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        for day in days.sorted() {
            if let last = runs.last, last.upperBound == day {
                runs[runs.count - 1] = last.lowerBound..<(day + 1)
            } else {
                runs.append(day..<(day + 1))
            }
        }
        return runs
    }
}
