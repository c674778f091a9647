import Foundation

/// What a caller gives to register a complaint; validated by ``ComplaintService/create(_:in:by:)``.
public struct NewComplaint: Sendable {
    public var workflow: WorkflowID
    public var track: ComplaintTrack
    public var channel: Channel
    public var subject: String
    public var description: String
    public var remedy: String?
    public var citizen: Citizen
    public var receivedAt: Date?
    public var department: String?
    public var externalRef: String?
    public var fields: [String: JSONValue]

    public init(
        workflow: WorkflowID, track: ComplaintTrack = .dissatisfaction, channel: Channel, subject: String,
        description: String, remedy: String? = nil, citizen: Citizen, receivedAt: Date? = nil,
        department: String? = nil, externalRef: String? = nil, fields: [String: JSONValue] = [:]
    ) {
        self.workflow = workflow
        self.track = track
        self.channel = channel
        self.subject = subject
        self.description = description
        self.remedy = remedy
        self.citizen = citizen
        self.receivedAt = receivedAt
        self.department = department
        self.externalRef = externalRef
        self.fields = fields
    }
}

/// What a caller gives to record a contact with the citizen.
public struct NewContact: Sendable {
    public var complaintId: ComplaintID
    public var kind: ContactKind
    /// Whether the contact reached the citizen; `false` records a failed call attempt.
    public var reached: Bool
    public var occurredAt: Date
    public var summary: String
    public var agreement: String?
    public var fields: [String: JSONValue]

    public init(complaintId: ComplaintID, kind: ContactKind, reached: Bool = true, occurredAt: Date, summary: String, agreement: String? = nil, fields: [String: JSONValue] = [:]) {
        self.complaintId = complaintId
        self.kind = kind
        self.reached = reached
        self.occurredAt = occurredAt
        self.summary = summary
        self.agreement = agreement
        self.fields = fields
    }
}
