public import Foundation

/// A recorded contact with the citizen: the note the law requires (notatpligt) of what was said and agreed.
///
/// Encodes as the API shows it (`contact.record`, `contact.list`): without `tenant` (a key reads its own
/// tenant's records only) and, as the contract has always shown it, without `reached`.
public struct Contact: Sendable, Hashable, Encodable {
    /// Whether this is a two-way conversation with the citizen: oral, and it reached them.
    public var isTwoWayConversation: Bool { kind.isOral && reached }

    /// Whether this records a call (or meeting) that did not reach the citizen: a failed attempt.
    public var isFailedCallAttempt: Bool { kind.isOral && !reached }

    public let id: ContactID
    public let tenant: TenantID
    public let complaintId: ComplaintID
    public let kind: ContactKind
    /// Whether the contact reached the citizen; a failed call attempt is recorded with `false` and
    /// does not stop a first-contact clock.
    public let reached: Bool
    public let occurredAt: Date
    /// The id of the actor who recorded it.
    public let recordedBy: String
    public let summary: String
    /// What was agreed: who does what, by when.
    public let agreement: String?
    /// Plug-in fields, e.g. the triangle's three sides.
    public let fields: [String: JSONValue]
    public let createdAt: Date

    private enum CodingKeys: String, CodingKey {
        case id, complaintId, kind, occurredAt, recordedBy, summary, agreement, fields, createdAt
    }

    public init(
        id: ContactID, tenant: TenantID, complaintId: ComplaintID, kind: ContactKind, reached: Bool = true, occurredAt: Date,
        recordedBy: String, summary: String, agreement: String?, fields: [String: JSONValue], createdAt: Date
    ) {
        self.id = id
        self.tenant = tenant
        self.complaintId = complaintId
        self.kind = kind
        self.reached = reached
        self.occurredAt = occurredAt
        self.recordedBy = recordedBy
        self.summary = summary
        self.agreement = agreement
        self.fields = fields
        self.createdAt = createdAt
    }
}
