public import KlageKernel

/// Copies a whole host, or one tenant, from one storage engine to another, and proves the copy by
/// row counts and a checksum per table read back from both sides.
///
/// The target is written in one transaction, so a failed copy leaves it as it was; the source is only
/// read. Stop writes to the source while copying (each table is read in its own snapshot).
///
/// ```swift
/// let report = try await StoreCopier().copy(from: sqlite, to: postgres, tenant: nil)
/// ```
public struct StoreCopier: Sendable {
    /// One table's figures after a copy.
    public struct TableReport: Sendable, Hashable, CustomStringConvertible {
        public let table: String
        public let sourceRows: Int
        public let targetRows: Int
        public let sourceChecksum: String
        public let targetChecksum: String

        /// Whether the target holds exactly what the source holds.
        public var matches: Bool { sourceRows == targetRows && sourceChecksum == targetChecksum }

        public var description: String {
            "\(table): \(sourceRows) -> \(targetRows) rows, checksum \(sourceChecksum) -> \(targetChecksum) \(matches ? "ok" : "MISMATCH")"
        }
    }

    /// A table in copy order (parents before children), its key order, and how it names its tenant.
    struct Table: Sendable {
        let name: String
        let orderBy: String
        let tenantColumn: String
    }

    static let tables: [Table] = [
        Table(name: "tenants", orderBy: "id", tenantColumn: "id"),
        Table(name: "api_keys", orderBy: "id", tenantColumn: "tenant_id"),
        Table(name: "people", orderBy: "id", tenantColumn: "tenant_id"),
        Table(name: "complaints", orderBy: "tenant_id, id", tenantColumn: "tenant_id"),
        Table(name: "contacts", orderBy: "tenant_id, id", tenantColumn: "tenant_id"),
        Table(name: "learning_items", orderBy: "tenant_id, id", tenantColumn: "tenant_id"),
        Table(name: "events", orderBy: "tenant_id, id", tenantColumn: "tenant_id"),
        Table(name: "plugin_records", orderBy: "tenant_id, plugin, kind, id", tenantColumn: "tenant_id"),
        Table(name: "surveys", orderBy: "tenant_id, complaint_id", tenantColumn: "tenant_id"),
        Table(name: "access_readers", orderBy: "tenant_id, id", tenantColumn: "tenant_id"),
        Table(name: "access_purposes", orderBy: "tenant_id, id", tenantColumn: "tenant_id"),
        Table(name: "access_reads", orderBy: "tenant_id, complaint_id, at, reader, purpose", tenantColumn: "tenant_id"),
        Table(name: "efforts", orderBy: "tenant_id, id", tenantColumn: "tenant_id"),
        Table(name: "staff_pulses", orderBy: "tenant_id, id", tenantColumn: "tenant_id"),
        Table(name: "baselines", orderBy: "tenant_id, department, period_from", tenantColumn: "tenant_id"),
        Table(name: "deliveries", orderBy: "tenant_id, channel, target, event_id", tenantColumn: "tenant_id"),
        Table(name: "audit_chain", orderBy: "tenant_id, seq", tenantColumn: "tenant_id"),
        Table(name: "audit_heads", orderBy: "tenant_id", tenantColumn: "tenant_id"),
        Table(name: "webhooks", orderBy: "tenant_id, id", tenantColumn: "tenant_id"),
    ]

    /// The tables left behind on purpose: every other table of the schema is in ``tables``.
    static let notCopied = Set<String>([
        // Derived: the target computes the report figures again on its first report.
        "report_cells", "report_days", "report_changes", "report_months", "report_month_status",
        // Sign-ins to the web console, made and under way, end with the host they were made on.
        "console_sessions", "sign_in_attempts",
        // The host's audit chain records what was done on this host; the target keeps its own (the
        // tenants' chains, which follow their rows, are copied).
        "host_audit_chain", "host_audit_head",
        // Each database records its own migrations, and the layouts of its derived data.
        "klage_migrations", "klage_layouts",
    ]).union(sqliteSearchIndex)

    /// SQLite's search index (migration 24): a SQLite target's triggers fill it as the complaints are
    /// copied in; PostgreSQL has none of these tables (its index is over `complaints` itself).
    static let sqliteSearchIndex: Set<String> = [
        "complaint_search_rows", "complaint_text", "complaint_text_data", "complaint_text_idx", "complaint_text_content",
        "complaint_text_docsize", "complaint_text_config",
    ]

    public init() {}

    /// Copies every row (or `tenant`'s rows) of every table from `source` to `target`, then verifies.
    ///
    /// Both databases must be migrated to the same version, and the target must not hold the copied
    /// rows yet (an empty host, or a host without that tenant).
    /// - Returns: one report per table; all match when the copy succeeded.
    /// - Throws: ``StorageError`` when the versions differ or the target already holds data.
    public func copy(from source: any SQLDriver, to target: any SQLDriver, tenant: TenantID?) async throws -> [TableReport] {
        let migrator = Migrator()
        let (sourceVersion, targetVersion) = (try await migrator.applied(source), try await migrator.applied(target))
        guard sourceVersion == targetVersion else {
            throw StorageError(
                code: .migration,
                message:
                    "source and target are at different migrations (\(sourceVersion.last ?? 0) and \(targetVersion.last ?? 0)); migrate both first")
        }
        for table in Self.tables where try await count(table, in: target, tenant: tenant) > 0 {
            throw StorageError(
                code: .constraint,
                message: "the target already holds rows in \(table.name)\(tenant.map { " for tenant \($0)" } ?? ""); copy into an empty host")
        }
        var rowsByTable: [[SQLRow]] = []
        for table in Self.tables {
            rowsByTable.append(try await rows(table, in: source, tenant: tenant))
        }
        let batches = rowsByTable
        try await target.write(tenant: nil) { connection in
            for (table, rows) in zip(Self.tables, batches) {
                for row in rows {
                    let names = row.columnNames
                    guard names.allSatisfy({ $0.allSatisfy { $0.isLetter || $0 == "_" } }) else {
                        throw StorageError(code: .corruptRow, message: "unexpected column name in \(table.name)")
                    }
                    var values: SQL = ""
                    for (index, value) in row.allValues.enumerated() {
                        values = values + (index == 0 ? "\(value)" : ", \(value)")
                    }
                    try connection.execute("INSERT INTO \(unsafeRaw: table.name) (\(unsafeRaw: names.joined(separator: ", "))) VALUES (\(values))")
                }
            }
        }
        var reports: [TableReport] = []
        for (table, sourceRows) in zip(Self.tables, rowsByTable) {
            let targetRows = try await rows(table, in: target, tenant: tenant)
            reports.append(
                TableReport(
                    table: table.name, sourceRows: sourceRows.count, targetRows: targetRows.count,
                    sourceChecksum: Self.checksum(sourceRows), targetChecksum: Self.checksum(targetRows)
                ))
        }
        return reports
    }

    /// The checksum of a table's rows: FNV-1a (64 bits) over a canonical, typed encoding of every value.
    public static func checksum(_ rows: [SQLRow]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        for row in rows {
            for (name, value) in zip(row.columnNames, row.allValues) {
                switch value {
                case .null: mix("\(name)=n;")
                case .integer(let number): mix("\(name)=i\(number);")
                case .real(let number): mix("\(name)=r\(number);")
                case .text(let text): mix("\(name)=t\(text.utf8.count):\(text);")
                }
            }
            mix("\n")
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private func rows(_ table: Table, in driver: any SQLDriver, tenant: TenantID?) async throws -> [SQLRow] {
        try await driver.read(tenant: nil) { connection in
            try connection.query(Self.select("*", from: table, tenant: tenant) + " ORDER BY \(unsafeRaw: table.orderBy)")
        }
    }

    private func count(_ table: Table, in driver: any SQLDriver, tenant: TenantID?) async throws -> Int {
        try await driver.read(tenant: nil) { connection in
            Int(try connection.queryFirst(Self.select("COUNT(*) AS n", from: table, tenant: tenant))?["n"].integer ?? 0)
        }
    }

    private static func select(_ what: String, from table: Table, tenant: TenantID?) -> SQL {
        let base: SQL = "SELECT \(unsafeRaw: what) FROM \(unsafeRaw: table.name)"
        guard let tenant else { return base }
        return base + " WHERE \(unsafeRaw: table.tenantColumn) = \(tenant)"
    }
}
