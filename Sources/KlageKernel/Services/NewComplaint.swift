public import Foundation

/// What a caller gives to register a complaint; validated by ``ComplaintService/create(_:in:by:)``.
public struct NewComplaint: Sendable {
    public var workflow: WorkflowID
    public var track: ComplaintTrack
    public var channel: Channel
    /// The texts as the caller gives them: registering trims them and checks their lengths.
    public var subject, description: String
    public var remedy: String?
    /// The citizen as given: registering checks the name and normalises the phone, e-mail and CPR number.
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

extension Complaint {
    /// The complaint a draft registers under `definition`, its texts trimmed and checked and its
    /// citizen's contact details normalised.
    ///
    /// - Throws: validation naming the field (`subject`, `citizen.phone`, …).
    init(
        registering draft: NewComplaint, id: ComplaintID, tenant: TenantID, definition: WorkflowDefinition, receivedAt: Date,
        fields: [String: JSONValue], at now: Date
    ) throws {
        let citizen = Citizen(
            name: try Validate.text(draft.citizen.name, field: "citizen.name", max: 200),
            phone: try Validate.phone(draft.citizen.phone, field: "citizen.phone"),
            email: try Validate.email(draft.citizen.email, field: "citizen.email"),
            cpr: try Validate.cpr(draft.citizen.cpr, field: "citizen.cpr"))
        let intake = NewComplaint(
            workflow: definition.id, track: draft.track, channel: draft.channel,
            subject: try Validate.text(draft.subject, field: "subject", max: 200),
            description: try Validate.text(draft.description, field: "description", max: 20_000),
            remedy: try Validate.optionalText(draft.remedy, field: "remedy", max: 2_000), citizen: citizen,
            department: try Validate.optionalText(draft.department, field: "department", max: 100),
            externalRef: try Validate.optionalText(draft.externalRef, field: "externalRef", max: 100), fields: fields)
        self.init(
            id: id, tenant: tenant, workflowVersion: definition.version, state: definition.initialState, intake: intake, receivedAt: receivedAt,
            createdAt: now, updatedAt: now)
    }
}
