public import Foundation

/// A recorded contact with the citizen: the note the law requires (notatpligt) of what was said and agreed.
///
/// Encodes as the API shows it (`contact.record`, `contact.list`): without `tenant`, since a key reads its
/// own tenant's records only. What a caller gives is ``NewContact``; a field added there is stored
/// through this conformance (`Contact+TableRecord`) and returned here.
public struct Contact: Sendable, Hashable, Codable {
    /// Whether this is a two-way conversation with the citizen: oral, and it reached them.
    public var isTwoWayConversation: Bool { kind.isOral && reached }

    /// Whether this records a call (or meeting) that did not reach the citizen: a failed attempt.
    public var isFailedCallAttempt: Bool { kind.isOral && !reached }

    public let id: ContactID
    @NotEncoded public private(set) var tenant: TenantID
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
    /// The staff time the contact took, in minutes (the call, the meeting, writing the letter).
    public let durationMinutes: Int?
    /// Plug-in fields, e.g. the triangle's three sides.
    public let fields: [String: JSONValue]
    public let createdAt: Date

    public init(
        id: ContactID, tenant: TenantID, complaintId: ComplaintID, kind: ContactKind, reached: Bool = true, occurredAt: Date,
        recordedBy: String, summary: String, agreement: String?, durationMinutes: Int? = nil, fields: [String: JSONValue],
        createdAt: Date
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
        self.durationMinutes = durationMinutes
        self.fields = fields
        self.createdAt = createdAt
    }

    /// The contact a validated draft records.
    public init(recording draft: NewContact, id: ContactID, tenant: TenantID, recordedBy: String, createdAt: Date) {
        self.init(
            id: id, tenant: tenant, complaintId: draft.complaintId, kind: draft.kind, reached: draft.reached, occurredAt: draft.occurredAt,
            recordedBy: recordedBy, summary: draft.summary, agreement: draft.agreement, durationMinutes: draft.durationMinutes,
            fields: draft.fields, createdAt: createdAt)
    }
}

/// What a caller gives to record a contact with the citizen (`contact.record`'s params).
public struct NewContact: Sendable {
    public var complaintId: ComplaintID
    public var kind: ContactKind
    /// Whether the contact reached the citizen; `false` records a failed call attempt.
    public var reached: Bool
    public var occurredAt: Date
    public var summary: String
    public var agreement: String?
    public var durationMinutes: Int?
    public var fields: [String: JSONValue]

    public init(
        complaintId: ComplaintID, kind: ContactKind, reached: Bool = true, occurredAt: Date, summary: String, agreement: String? = nil,
        durationMinutes: Int? = nil, fields: [String: JSONValue] = [:]
    ) {
        self.complaintId = complaintId
        self.kind = kind
        self.reached = reached
        self.occurredAt = occurredAt
        self.summary = summary
        self.agreement = agreement
        self.durationMinutes = durationMinutes
        self.fields = fields
    }

    /// `contact.record`'s params, each bound to the property it fills.
    public static let params = DraftFields(
        NewContact(complaintId: "", kind: .phone, occurredAt: .distantPast, summary: ""),
        [
            DraftField(\.complaintId, "complaintId", .text(max: 64)),
            DraftField(\.kind, "kind", .choice(of: ContactKind.self)),
            DraftField(
                \.reached, "reached", .bool, "false records a failed attempt (no answer); it does not meet a first-contact deadline", default: true),
            DraftField(\.occurredAt, "occurredAt", .time),
            DraftField(\.summary, "summary", .text(max: 20_000)),
            DraftField(\.agreement, "agreement", .text(max: 10_000), "who does what, by when"),
            DraftField(\.durationMinutes, "durationMinutes", .integer(min: 0, max: 1_440), "staff time the contact took, in minutes"),
            DraftField(\.fields, "fields", .object([]), default: [:]),
        ])

    /// The draft with its texts trimmed and every value within its declared bounds.
    ///
    /// - Throws: validation naming the field.
    public func validated() throws -> NewContact {
        var draft = self
        draft.summary = try Validate.text(summary, field: "summary", max: 20_000)
        draft.agreement = try Validate.optionalText(agreement, field: "agreement", max: 10_000)
        if let minutes = durationMinutes, !(0...1_440).contains(minutes) {
            throw KlageError.validation(field: "durationMinutes", reason: "must be between 0 and 1440")
        }
        draft.fields = try Validate.fields(fields)
        return draft
    }
}
