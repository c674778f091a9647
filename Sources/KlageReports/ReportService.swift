public import Foundation
public import KlageKernel

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
    let store: any ReportStore & EvidenceStore
    let clock: any KlageClock

    /// Reports over `store` (the host's store, which answers both), as of `clock`.
    public init(store: any ReportStore & EvidenceStore, clock: any KlageClock) {
        self.store = store
        self.clock = clock
    }

    /// The figures of complaints received in the query's period, one entry per group (one for `.none`).
    ///
    /// Groups come sorted by their value; a group is there when it received a complaint, had open
    /// ones, or (by department) learning items or pulse answers.
    ///
    /// - Throws: validation when the period is empty or longer than five years.
    public func figures(_ query: ReportQuery, in tenant: Tenant) async throws -> [EvidenceFigures] {
        let query = try query.validated()
        let material = try await material(query, starts: [query.from], tenant: tenant.id, months: true)
        return material.figures(period: 0, now: clock.now())
    }

    /// The whole-tenant (or one department's) figures of each week, month or quarter in the period,
    /// read in one pass over the period, each cell added to its period as it is read.
    public func series(_ query: ReportQuery, interval: ReportInterval, in tenant: Tenant) async throws -> [(
        from: Date, to: Date, figures: EvidenceFigures
    )] {
        var query = try query.validated()
        query.groupBy = .none
        let starts = interval.boundaries(from: query.from, to: query.to).map { max($0, query.from) }
        // Weeks cut through months: a weekly series reads days, the others whole months where they can.
        let material = try await material(query, starts: starts, tenant: tenant.id, months: interval != .week)
        let now = clock.now()
        return starts.indices.map { index in
            (starts[index], index + 1 < starts.count ? starts[index + 1] : query.to, material.figures(period: index, now: now)[0])
        }
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
        summary.firstContactWithinDeadlineRate = figures.firstContact.withinDeadline.share
        summary.medianDaysToClose = figures.daysToClose.median
        summary.escalated = figures.escalated
        summary.satisfaction = ComplaintSummary.Satisfaction(responses: figures.satisfaction.answered, average: figures.satisfaction.mean)
        return summary
    }

    /// Recomputes the cells of days changed since they were computed, at most `limit` days, a week per
    /// transaction.
    ///
    /// - Returns: how many days were recomputed.
    public func refreshChangedDays(of tenant: TenantID, limit: Int = 366) async throws -> Int {
        let days = try await store.changedReportDays(tenant: tenant, limit: limit)
        for chunk in Self.chunks(of: days) {
            _ = try await store.refreshReportDays(tenant: tenant, days: chunk, family: "all", department: nil)
        }
        return days.count
    }

    /// What the background refresher does, so that reports rarely wait: recomputes changed days,
    /// computes days of the last five years never computed (a new tenant, or after an upgrade; the
    /// latest `limit` of them), and rolls up the whole months whose days are all fresh.
    ///
    /// - Returns: how many days were recomputed or computed, and how many months rolled up.
    public func catchUp(of tenant: TenantID, limit: Int = 366) async throws -> (days: Int, months: Int) {
        let changed = try await refreshChangedDays(of: tenant, limit: limit)
        let today = ReportDay.of(clock.now())
        let window = (today - Int(ReportQuery.longestPeriod / 86_400))..<today
        let missing = Array(try await store.staleReportDays(tenant: tenant, days: window).suffix(limit))
        for chunk in Self.chunks(of: missing) {
            _ = try await store.refreshReportDays(tenant: tenant, days: chunk, family: "all", department: nil)
        }
        return (changed + missing.count, try await store.rollUpReportMonths(tenant: tenant, days: window))
    }

    /// Computes the cells of every day in `[from, to)` that is changed or not computed yet, e.g. after a
    /// bulk load, and rolls up its whole months.
    ///
    /// - Returns: how many days were computed.
    public func materialise(tenant: TenantID, from: Date, to: Date) async throws -> Int {
        let (days, _) = ReportDay.split(from: from, to: to)
        guard !days.isEmpty else { return 0 }
        let stale = try await store.staleReportDays(tenant: tenant, days: days)
        for chunk in Self.chunks(of: stale) {
            _ = try await store.refreshReportDays(tenant: tenant, days: chunk, family: "", department: nil)
        }
        _ = try await store.rollUpReportMonths(tenant: tenant, days: days)
        return stale.count
    }

    /// Days in groups of at most a week, so that one refresh transaction stays short and small.
    static func chunks(of days: [Int]) -> [[Int]] {
        stride(from: 0, to: days.count, by: 7).map { Array(days[$0..<min($0 + 7, days.count)]) }
    }

    /// Everything a report over the query's periods (starting at `starts`) reads: the cells of its
    /// family, added up by period and group as they are read (whole months where `months` allows and
    /// they are rolled up, else days; stale days recomputed first; the partial days at the edges computed
    /// from the complaints), and the open complaints, learning items and pulse answers.
    func material(_ query: ReportQuery, starts: [Date], tenant: TenantID, months: Bool) async throws -> ReportMaterial {
        let family = query.groupBy.family
        let (days, edges) = ReportDay.split(from: query.from, to: query.to)
        var material = ReportMaterial(starts: starts, groupBy: query.groupBy)
        let placing = material
        let inDepartment = { (key: ReportCellKey) in key.family == family && (query.department == nil || key.department == query.department) }
        if !days.isEmpty {
            let stored = try await store.reportCells(
                tenant: tenant, family: family, days: days, department: query.department, months: months
            ) { placing.group(day: $0, key: $1) }
            material.add(stored.cells)
            for chunk in Self.chunks(of: stored.stale) {
                for entry in try await store.refreshReportDays(tenant: tenant, days: chunk, family: family, department: query.department) {
                    material.add([placing.group(day: entry.day, key: entry.key): entry.cell])
                }
            }
            // The next report reads whole months where this one had to read their days.
            if months, !stored.stale.isEmpty || stored.monthsToRollUp > 0 {
                _ = try await store.rollUpReportMonths(tenant: tenant, days: days)
            }
        }
        for edge in edges {
            let facts = try await store.complaintFacts(tenant: tenant, receivedFrom: edge.from, to: edge.to)
            for (key, cell) in ReportCell.cells(of: facts) where inDepartment(key) {
                material.add([placing.group(day: ReportDay.of(edge.from), key: key): cell])
            }
        }
        material.add(
            open: try await store.openComplaints(tenant: tenant, receivedFrom: query.from, to: query.to, department: query.department),
            learning: try await store.learningFacts(tenant: tenant, createdFrom: query.from, to: query.to, department: query.department),
            forwarded: try await store.forwardedAppeals(
                tenant: tenant, forwardedFrom: query.from, to: query.to, department: query.department),
            pulses: try await store.pulses(tenant: tenant, from: query.from, to: query.to, department: query.department))
        return material
    }
}
