import Foundation

/// A recorded contact with the citizen: the note the law requires (notatpligt) of what was said and agreed.
public struct Contact: Sendable, Hashable {
    public let id: ContactID
    public let tenant: TenantID
    public let complaintId: ComplaintID
    public let kind: ContactKind
    public let occurredAt: Date
    /// The id of the actor who recorded it.
    public let recordedBy: String
    public let summary: String
    /// What was agreed: who does what, by when.
    public let agreement: String?
    /// Plug-in fields, e.g. the triangle's three sides.
    public let fields: [String: JSONValue]
    public let createdAt: Date

    public init(
        id: ContactID, tenant: TenantID, complaintId: ComplaintID, kind: ContactKind, occurredAt: Date,
        recordedBy: String, summary: String, agreement: String?, fields: [String: JSONValue], createdAt: Date
    ) {
        self.id = id
        self.tenant = tenant
        self.complaintId = complaintId
        self.kind = kind
        self.occurredAt = occurredAt
        self.recordedBy = recordedBy
        self.summary = summary
        self.agreement = agreement
        self.fields = fields
        self.createdAt = createdAt
    }
}
