/// The first figures `report.summary` has always answered: withdrawals, time to first contact, time
/// to close, escalations and satisfaction. ``EvidenceFigures`` holds them and the rest.
public struct ComplaintSummary: Sendable, Hashable {
    public var received = 0
    public var closed = 0
    public var withdrawn = 0
    /// Withdrawn as a share of closed; `nil` when none closed.
    public var withdrawnRate: Double?
    /// The median hours from receipt to the first two-way conversation, over complaints that had one.
    public var medianHoursToFirstContact: Double?
    /// The share of decided first-contact clocks (met, or recorded as missed) that were met in time.
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
