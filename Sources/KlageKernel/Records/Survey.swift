import Foundation

/// A one-time satisfaction survey about how the complaint was handled. Holds no personal data.
public struct Survey: Sendable, Hashable {
    public let tenant: TenantID
    public let complaintId: ComplaintID
    /// The hash of the one-time token; the token itself is shown once, at issue.
    public let tokenHash: String
    public let issuedAt: Date
    public let expiresAt: Date
    public var submittedAt: Date?
    /// 1 (poor) to 5 (very good).
    public var score: Int?
    public var comment: String?

    public init(tenant: TenantID, complaintId: ComplaintID, tokenHash: String, issuedAt: Date, expiresAt: Date,
                submittedAt: Date? = nil, score: Int? = nil, comment: String? = nil) {
        self.tenant = tenant
        self.complaintId = complaintId
        self.tokenHash = tokenHash
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.submittedAt = submittedAt
        self.score = score
        self.comment = comment
    }
}

/// Stores surveys by the hash of their token.
public protocol SurveyStore: Sendable {
    /// Inserts a survey with its events, in one transaction. - Throws: conflict when the complaint has one already.
    func insertSurvey(_ survey: Survey, events: [DomainEvent]) async throws
    /// The survey with this token hash, in any tenant (the citizen has no key).
    func survey(tokenHash: String) async throws -> Survey?
    /// The scores of answered surveys of complaints `tenant` received in `[from, to)` (for reports).
    func surveyScores(tenant: TenantID, receivedFrom from: Date, to: Date, department: String?) async throws -> [Int]
    /// Records the answer if the survey is still unanswered; returns whether it was.
    func submitSurvey(tokenHash: String, score: Int, comment: String?, at: Date) async throws -> Bool
}
