public import Foundation

/// One read of a complaint's personal data: who read it, when, and through what.
///
/// Access logs are part of a citizen's right of access (GDPR art. 15, CJEU C-579/21), so every read
/// through the API is recorded before the data is returned. Append-only.
///
/// Encodes as `complaint.accessLog` shows it: `at`, `actor`, `actorLabel`, `purpose` (the tenant and
/// complaint are the request's own).
public struct AccessRecord: Sendable, Hashable, Encodable {
    public let tenant: TenantID
    public let complaintId: ComplaintID
    /// The id of the key that read, and its label (a person's initials or a system's name).
    public let actor: String
    public let actorLabel: String
    public let at: Date
    /// The method that read it, e.g. `complaint.get`.
    public let purpose: String

    private enum CodingKeys: String, CodingKey {
        case at, actor, actorLabel, purpose
    }

    public init(tenant: TenantID, complaintId: ComplaintID, actor: String, actorLabel: String, at: Date, purpose: String) {
        self.tenant = tenant
        self.complaintId = complaintId
        self.actor = actor
        self.actorLabel = actorLabel
        self.at = at
        self.purpose = purpose
    }
}
