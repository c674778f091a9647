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

extension NewComplaint: Decodable {
    private enum CodingKeys: String, CodingKey {
        case workflow, track, channel, subject, description, remedy, citizen, receivedAt, department, externalRef, fields
    }

    /// Reads a draft as `complaint.create` takes it: `track` defaults to dissatisfaction, `fields` to none,
    /// `receivedAt` (when given) in the decoder's date format. Keys are read in this order, so the first
    /// bad one is the one reported.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            workflow: try container.decode(WorkflowID.self, forKey: .workflow),
            track: try container.decodeIfPresent(ComplaintTrack.self, forKey: .track) ?? .dissatisfaction,
            channel: try container.decode(Channel.self, forKey: .channel),
            subject: try container.decode(String.self, forKey: .subject),
            description: try container.decode(String.self, forKey: .description),
            remedy: try container.decodeIfPresent(String.self, forKey: .remedy),
            citizen: try container.decode(Citizen.self, forKey: .citizen),
            receivedAt: try container.decodeIfPresent(Date.self, forKey: .receivedAt),
            department: try container.decodeIfPresent(String.self, forKey: .department),
            externalRef: try container.decodeIfPresent(String.self, forKey: .externalRef),
            fields: try container.decodeIfPresent([String: JSONValue].self, forKey: .fields) ?? [:]
        )
    }
}
