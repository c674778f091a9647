public import KlageKernel

/// The first figures `report.summary` has always answered: withdrawals, time to first contact, time
/// to close, escalations and satisfaction. ``EvidenceFigures`` holds them and the rest.
///
/// Encodes as `report.summary` shows it: every figure always there, `null` when it cannot be worked out.
public struct ComplaintSummary: Sendable, Hashable, Encodable {
    /// The satisfaction surveys answered, and their mean score.
    public struct Satisfaction: Sendable, Hashable, Encodable {
        public var responses = 0
        /// The mean survey score (1-5); `nil` without responses.
        @ExplicitNull public var average: Double? = nil
    }

    public var received = 0
    public var closed = 0
    public var withdrawn = 0
    /// Withdrawn as a share of closed; `nil` when none closed.
    @ExplicitNull public var withdrawnRate: Double? = nil
    /// The median hours from receipt to the first two-way conversation, over complaints that had one.
    @ExplicitNull public var medianHoursToFirstContact: Double? = nil
    /// The share of decided first-contact clocks (met, or recorded as missed) that were met in time.
    @ExplicitNull public var firstContactWithinDeadlineRate: Double? = nil
    /// The median days from receipt to closing, over closed complaints.
    @ExplicitNull public var medianDaysToClose: Double? = nil
    /// Complaints with a missed deadline escalated to a leader.
    public var escalated = 0
    public var satisfaction = Satisfaction()

    public init() {}
}
