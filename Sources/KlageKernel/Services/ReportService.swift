public import Foundation

/// The figures DOMAIN.md says a municipality must be able to measure for itself: withdrawals, time to
/// first contact, time to close, escalations and satisfaction with the process.
public struct ComplaintSummary: Sendable, Hashable {
    public var received = 0
    public var closed = 0
    public var withdrawn = 0
    /// Withdrawn as a share of closed; `nil` when none closed.
    public var withdrawnRate: Double?
    /// The median hours from receipt to the first two-way conversation, over complaints that had one.
    public var medianHoursToFirstContact: Double?
    /// The share of decided first-contact clocks (met, or past due) that were met in time.
    public var firstContactWithinDeadlineRate: Double?
    /// The median days from receipt to closing, over closed complaints.
    public var medianDaysToClose: Double?
    /// Complaints with a missed deadline escalated to a leader.
    public var escalated = 0
    public var satisfactionResponses = 0
    /// The mean survey score (1-5); `nil` without responses.
    public var satisfactionAverage: Double?

    public init() {}
}

/// Computes ``ComplaintSummary`` over the complaints a tenant received in a period.
public struct ReportService: Sendable {
    private let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// The summary of complaints received in `[from, to)`, optionally of one department.
    ///
    /// - Throws: validation when the period is empty or longer than five years.
    public func summary(from: Date, to: Date, department: String?, in tenant: Tenant) async throws -> ComplaintSummary {
        guard from < to else { throw KlageError.validation(field: "to", reason: "must be after from") }
        guard to.timeIntervalSince(from) <= 5 * 366 * 86_400 else {
            throw KlageError.validation(field: "to", reason: "a period is at most five years")
        }
        let department = try Validate.optionalText(department, field: "department", max: 100)
        let complaints = try await env.store.complaintsReceived(tenant: tenant.id, from: from, to: to, department: department)
        let scores = try await env.store.surveyScores(tenant: tenant.id, receivedFrom: from, to: to, department: department)
        let now = env.clock.now()

        var summary = ComplaintSummary()
        summary.received = complaints.count
        let closed = complaints.filter { $0.closedAt != nil }
        summary.closed = closed.count
        summary.withdrawn = closed.filter { $0.outcome == .withdrawn }.count
        summary.withdrawnRate = closed.isEmpty ? nil : Double(summary.withdrawn) / Double(closed.count)
        let firstContacts = complaints.compactMap { complaint in complaint.deadlines.first { $0.name == "firstContact" }.map { (complaint, $0) } }
        summary.medianHoursToFirstContact = Self.median(
            firstContacts.compactMap { complaint, deadline in
                deadline.metAt.map { $0.timeIntervalSince(complaint.receivedAt) / 3600 }
            })
        let decided = firstContacts.map(\.1).filter { $0.metAt != nil || $0.dueAt <= now }
        let metInTime = decided.filter { deadline in deadline.metAt != nil && !deadline.isMissed(at: now) }
        summary.firstContactWithinDeadlineRate = decided.isEmpty ? nil : Double(metInTime.count) / Double(decided.count)
        summary.medianDaysToClose = Self.median(
            closed.compactMap { complaint in
                complaint.closedAt.map { $0.timeIntervalSince(complaint.receivedAt) / 86_400 }
            })
        summary.escalated = complaints.filter { $0.escalatedAt != nil }.count
        summary.satisfactionResponses = scores.count
        summary.satisfactionAverage = scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
        return summary
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
