public import Foundation
public import KlageKernel

/// What reports need to know of one complaint: the complaint, and sums over its contacts, effort and
/// survey that the store computes with it.
public struct ComplaintFacts: Sendable {
    public let complaint: Complaint
    /// Calls or meetings that did not reach the citizen.
    public let failedCallAttempts: Int
    /// Minutes on its contacts (`durationMinutes`) and effort entries.
    public let staffMinutes: Int
    /// Whether a satisfaction survey was issued, and its score if answered.
    public let surveyIssued: Bool
    public let surveyScore: Int?
    /// When the citizen was first reached in a two-way conversation (an oral contact kind:
    /// phone, meeting, video); `nil` when never. Letters, e-mail and Digital Post are not conversations.
    public let firstConversationAt: Date?

    public init(
        complaint: Complaint, failedCallAttempts: Int, staffMinutes: Int, surveyIssued: Bool, surveyScore: Int?,
        firstConversationAt: Date? = nil
    ) {
        self.complaint = complaint
        self.firstConversationAt = firstConversationAt
        self.failedCallAttempts = failedCallAttempts
        self.staffMinutes = staffMinutes
        self.surveyIssued = surveyIssued
        self.surveyScore = surveyScore
    }

    /// The clock the methods measure first contact by.
    public static let firstContactDeadline = "firstContact"
    /// The methods' promise: a call-back within 24 hours of receipt.
    public static let promisedFirstContact: TimeInterval = 24 * 3600
}
