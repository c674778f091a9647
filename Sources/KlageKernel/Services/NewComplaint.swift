public import Foundation

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

extension NewComplaint {
    /// `complaint.create`'s params, each bound to the property it fills.
    public static let params = DraftFields(
        NewComplaint(workflow: "", channel: .phone, subject: "", description: "", citizen: Citizen(name: "")),
        [
            DraftField(\.workflow, "workflow", .text(max: 64)),
            DraftField(
                \.track, "track", .choice(of: ComplaintTrack.self),
                "the legal track, decided at intake: 'dissatisfaction' with service or conduct (the dialogue methods apply freely), or "
                    + "'appeal' of a decision (klage over en afgørelse: the statutory 4-week forwarding deadline runs whatever the dialogue "
                    + "achieves, and it closes only as 'upheld', as 'withdrawn' with the citizen's consent, or as 'forwarded' with "
                    + "fields.forwardedTo). Left out, the complaint is dissatisfaction, and the complaint returned says so in 'track'",
                default: .dissatisfaction),
            DraftField(\.channel, "channel", .choice(of: Channel.self)),
            DraftField(\.subject, "subject", .text(max: 200)),
            DraftField(\.description, "description", .text(max: 20_000)),
            DraftField(\.remedy, "remedy", .text(max: 2_000), "what the citizen asks for"),
            DraftField(\.citizen, "citizen", .object(Citizen.fields)),
            DraftField(\.receivedAt, "receivedAt", .time),
            DraftField(\.department, "department", .text(max: 100)),
            DraftField(\.externalRef, "externalRef", .text(max: 100), "the case system's reference"),
            DraftField(\.fields, "fields", .object([]), default: [:]),
        ])
}
