public import Foundation

/// A one-time satisfaction survey about how the complaint was handled. Holds no personal data.
public struct Survey: Sendable, Hashable, Codable {
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

    public init(
        tenant: TenantID, complaintId: ComplaintID, tokenHash: String, issuedAt: Date, expiresAt: Date,
        submittedAt: Date? = nil, score: Int? = nil, comment: String? = nil
    ) {
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
