public import Foundation

/// The figures DOMAIN.md says a municipality must be able to show: computed by the store from figures
/// materialised per day, so a report over years of complaints reads a few thousand rows, not a
/// million complaints.
///
/// ```
///   [from, to) ──split──▶ whole days ──▶ stored cells (days changed since: recomputed first)
///                     └──▶ partial days at the edges ──▶ computed from the complaints
///                                  └── merged per group ──▶ EvidenceFigures (+ backlog, pulses, learning)
/// ```
public struct ReportService: Sendable {
    let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// The figures of complaints received in the query's period, one entry per group (one for `.none`).
    ///
    /// Groups come sorted by their value; a group is there when it received a complaint, had open
    /// ones, or (by department) learning items or pulse answers.
    ///
    /// - Throws: validation when the period is empty or longer than five years.
    public func figures(_ query: ReportQuery, in tenant: Tenant) async throws -> [EvidenceFigures] {
        let query = try query.validated()
        let family = query.groupBy.family

        let now = env.clock.now()
        let open = try await env.store.openComplaints(tenant: tenant.id, receivedFrom: query.from, to: query.to, department: query.department)
        let learning = try await env.store.learningFacts(tenant: tenant.id, createdFrom: query.from, to: query.to, department: query.department)
        let pulses = try await env.store.pulses(tenant: tenant.id, from: query.from, to: query.to, department: query.department)

        func group(_ department: String, _ value: String) -> String {
            switch query.groupBy {
            case .none: ""
            case .department: department
            case .workflow, .channel, .track: value
            }
        }
        let merged = try await cells(tenant: tenant.id, from: query.from, to: query.to, family: family, department: query.department) { key in
            group(key.department, key.value)
        }
        var backlog: [String: Histogram] = [:]
        for complaint in open {
            backlog[group(complaint.department, complaint.value(in: family)), default: Histogram()]
                .add(seconds: now.timeIntervalSince(complaint.receivedAt))
        }
        // Learning items and pulses belong to departments, not to workflows, channels or tracks.
        let byDepartment = query.groupBy == .department
        let learningByGroup = Dictionary(grouping: learning) { byDepartment ? $0.department : "" }
        let pulsesByGroup = Dictionary(grouping: pulses) { byDepartment ? $0.department : "" }
        var groups = Set(merged.keys).union(backlog.keys)
        if byDepartment || query.groupBy == .none { groups.formUnion(learningByGroup.keys.filter { !$0.isEmpty || !byDepartment }) }
        if byDepartment { groups.formUnion(pulsesByGroup.keys) }
        if query.groupBy == .none { groups.insert("") }
        let shared = query.groupBy == .none || byDepartment
        return groups.sorted().map { name in
            EvidenceFigures(
                group: query.groupBy == .none ? nil : name, cell: merged[name] ?? ReportCell(), backlog: backlog[name] ?? Histogram(),
                pulses: shared ? (pulsesByGroup[name] ?? []).map(\.score) : [], learning: shared ? learningByGroup[name] ?? [] : [])
        }
    }

    /// The whole-tenant (or one department's) figures of each week, month or quarter in the period.
    public func series(_ query: ReportQuery, interval: ReportInterval, in tenant: Tenant) async throws -> [(
        from: Date, to: Date, figures: EvidenceFigures
    )] {
        let query = try query.validated()
        let starts = interval.boundaries(from: query.from, to: query.to)
        var result: [(from: Date, to: Date, figures: EvidenceFigures)] = []
        for (index, start) in starts.enumerated() {
            let from = max(start, query.from)
            let to = index + 1 < starts.count ? starts[index + 1] : query.to
            var period = query
            (period.from, period.to, period.groupBy) = (from, min(to, query.to), .none)
            result.append((from, period.to, try await figures(period, in: tenant)[0]))
        }
        return result
    }

    /// The summary of complaints received in `[from, to)`, optionally of one department.
    ///
    /// - Throws: validation when the period is empty or longer than five years.
    public func summary(from: Date, to: Date, department: String?, in tenant: Tenant) async throws -> ComplaintSummary {
        let figures = try await figures(ReportQuery(from: from, to: to, department: department), in: tenant)[0]
        var summary = ComplaintSummary()
        summary.received = figures.received
        summary.closed = figures.closed
        summary.withdrawn = figures.withdrawn
        summary.withdrawnRate = figures.closed == 0 ? nil : Double(figures.withdrawn) / Double(figures.closed)
        summary.medianHoursToFirstContact = figures.firstContact.medianHours
        summary.firstContactWithinDeadlineRate = figures.firstContact.withinDeadlineShare
        summary.medianDaysToClose = figures.daysToClose.median
        summary.escalated = figures.escalated
        summary.satisfactionResponses = figures.satisfaction.answered
        summary.satisfactionAverage = figures.satisfaction.mean
        return summary
    }

    /// Recomputes the cells of days changed since they were computed, at most `limit` days, a week per
    /// transaction; what the background refresher calls, so that reports rarely wait for it.
    ///
    /// - Returns: how many days were recomputed.
    public func refreshChangedDays(of tenant: TenantID, limit: Int = 366) async throws -> Int {
        let days = try await env.store.changedReportDays(tenant: tenant, limit: limit)
        for chunk in Self.chunks(of: days) {
            _ = try await env.store.refreshReportDays(tenant: tenant, days: chunk, family: "all", department: nil)
        }
        return days.count
    }

    /// Computes the cells of every day in `[from, to)` that is changed or not computed yet, e.g. after a bulk load.
    ///
    /// - Returns: how many days were computed.
    public func materialise(tenant: TenantID, from: Date, to: Date) async throws -> Int {
        let (days, _) = ReportDay.split(from: from, to: to)
        guard !days.isEmpty else { return 0 }
        let stale = try await env.store.staleReportDays(tenant: tenant, days: days)
        for chunk in Self.chunks(of: stale) {
            _ = try await env.store.refreshReportDays(tenant: tenant, days: chunk, family: "", department: nil)
        }
        return stale.count
    }

    /// Days in groups of at most a week, so that one refresh transaction stays short and small.
    static func chunks(of days: [Int]) -> [[Int]] {
        stride(from: 0, to: days.count, by: 7).map { Array(days[$0..<min($0 + 7, days.count)]) }
    }

    /// The cells of `family` for complaints received in `[from, to)`, merged over days into the groups `group` names.
    func cells(
        tenant: TenantID, from: Date, to: Date, family: String, department: String?, group: (ReportCellKey) -> String
    ) async throws -> [String: ReportCell] {
        let (days, edges) = ReportDay.split(from: from, to: to)
        var merged: [String: ReportCell] = [:]
        if !days.isEmpty {
            let stored = try await env.store.reportCells(tenant: tenant, family: family, days: days, department: department)
            for entry in stored.cells { merged[group(entry.key), default: ReportCell()].merge(entry.cell) }
            for chunk in Self.chunks(of: stored.stale) {
                let fresh = try await env.store.refreshReportDays(tenant: tenant, days: chunk, family: family, department: department)
                for entry in fresh { merged[group(entry.key), default: ReportCell()].merge(entry.cell) }
            }
        }
        for edge in edges {
            let facts = try await env.store.complaintFacts(tenant: tenant, receivedFrom: edge.from, to: edge.to)
            for (key, cell) in ReportCell.cells(of: facts) where key.family == family && (department == nil || key.department == department) {
                merged[group(key), default: ReportCell()].merge(cell)
            }
        }
        return merged
    }
}
