import Foundation
import KlagePluginAPI

/// The complaint journey (klagerejse): touchpoints before the complaint, internal hand-offs, and a
/// summary that counts them, as Roskilde measured them falling.
enum ComplaintJourney {
    static let touchpoint: EventType = "roskilde.touchpoint"
    static let handoff: EventType = "roskilde.handoff"

    /// How a touchpoint reached the citizen.
    enum Channel: String, CaseIterable, Codable, Sendable {
        case phone, letter, email, meeting, web
        case digitalPost = "digital_post"
        case other
    }

    static let complaintId = Field<ComplaintID>("complaintId", .text(max: 64))
    static let at = Field<Date>("at", .time)
    static let channel = Field<Channel>("channel", .choice(of: Channel.self))
    static let department = Field<String?>("department", .text(max: 100))
    static let description = Field<String>("description", .text(max: 2_000))
    static let toDepartment = Field<String?>("department", .text(max: 100), "the department that takes over")
    static let toAssignee = Field<String?>("assignee", .text(max: 100), "the caseworker that takes over (an id, never a name with personal data)")
    static let withCitizen = Field<Bool?>("withCitizen", .bool, "the citizen took part in the hand-off")

    /// The data of a `roskilde.touchpoint` event.
    struct Touchpoint: Codable, Sendable {
        let channel: Channel
        let description: String
        let department: String?
    }

    /// The data of a `roskilde.handoff` event: Roskilde's account of a hand-off the kernel counts
    /// (`complaint.handedOff`). Events stored before it named `from` and `to` as free text.
    struct Handoff: Codable, Sendable {
        let withCitizen: Bool
    }

    /// What `roskilde.touchpoint.add` returns.
    struct AddedTouchpoint: Encodable, Sendable {
        let id: EventID
        let at: Date
    }

    /// What `roskilde.handoff.record` returns.
    struct RecordedHandoff: Encodable, Sendable {
        let id: EventID
        let handoffs: Int
        let version: Int
    }

    /// What `roskilde.journey.summary` returns.
    struct Summary: Encodable, Sendable {
        let complaintId: ComplaintID
        let touchpointsBefore: Int
        let handoffs: Int
        let contacts: Int
        let conversations: Int
        let sharedWith: [String]
        @ExplicitNull var wantsWrittenAnswer: Bool?
        let events: Int
    }

    /// `roskilde.touchpoint.add`: a contact the municipality had with the citizen before the complaint.
    static let addTouchpoint = PluginOperation(
        "roskilde.touchpoint.add", summary: "Adds a touchpoint the municipality had with the citizen before the complaint to its journey.",
        roles: [.caseworker], params: [complaintId, at, channel, department, description]
    ) { input, context in
        let id = try input[complaintId]
        let complaint = try await context.complaints.get(id)
        let time = try input[at]
        guard !ClientTime.isAfter(time, complaint.receivedAt) else {
            throw KlageError.validation(field: at.name, reason: "a touchpoint comes before the complaint was received")
        }
        let data = Touchpoint(channel: try input[channel], description: try input[description], department: try input[department])
        let event = try await context.complaints.appendEvent(touchpoint, to: id, summary: "Touchpoint before the complaint", data: data, at: time)
        return AddedTouchpoint(id: event.id, at: time)
    }

    /// `roskilde.handoff.record`: the complaint moved to another department or caseworker (led), and
    /// whether the citizen took part. It is the kernel's hand-off (`complaint.assign`, no version needed)
    /// with Roskilde's account beside it, so it counts once in `handoffs`: recording a hand-off that
    /// `complaint.assign` already made adds the account and counts nothing.
    static let recordHandoff = PluginOperation(
        "roskilde.handoff.record",
        summary: "Hands the complaint to another department or caseworker and records whether the citizen took part; counts once in handoffs.",
        roles: [.caseworker], params: [complaintId, toDepartment, toAssignee, withCitizen]
    ) { input, context in
        let (complaint, event) = try await context.complaints.handOff(
            try input[complaintId], department: try input[toDepartment], assignee: try input[toAssignee], recording: handoff,
            summary: "Handed off internally", data: Handoff(withCitizen: try input[withCitizen] ?? false))
        return RecordedHandoff(id: event.id, handoffs: complaint.handoffs, version: complaint.version)
    }

    /// `roskilde.journey.summary`: the journey's figures.
    static let summary = PluginOperation(
        "roskilde.journey.summary", summary: "The complaint journey's figures: touchpoints before the complaint, hand-offs, contacts, who was told.",
        roles: [.caseworker, .integration], params: [complaintId]
    ) { input, context in
        let id = try input[complaintId]
        let complaint = try await context.complaints.get(id)
        let events = try await context.complaints.journey(of: id)
        let contacts = try await context.complaints.contacts(of: id)
        return Summary(
            complaintId: id,
            touchpointsBefore: events.filter { $0.type == touchpoint }.count,
            handoffs: complaint.handoffs,
            contacts: contacts.count,
            conversations: contacts.filter(\.isTwoWayConversation).count,
            sharedWith: try complaint.fields[RoskildeABC.sharedWith.optional] ?? [],
            wantsWrittenAnswer: try complaint.fields[RoskildeABC.wantsWrittenAnswer.optional],
            events: events.count
        )
    }
}
