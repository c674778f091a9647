import Foundation
import KlageKernel

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
    static let from = Field<String>("from", .text(max: 200))
    static let to = Field<String>("to", .text(max: 200))
    static let withCitizen = Field<Bool?>("withCitizen", .bool, "the citizen took part in the hand-off")

    /// The data of a `roskilde.touchpoint` event.
    struct Touchpoint: Codable, Sendable {
        let channel: Channel
        let description: String
        let department: String?
    }

    /// The data of a `roskilde.handoff` event.
    struct Handoff: Codable, Sendable {
        let from: String
        let to: String
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

    /// `roskilde.handoff.record`: the complaint moved from one colleague or department to another; it counts in
    /// the complaint's `handoffs`, the kernel's figure that `complaint.assign` counts too.
    static let recordHandoff = PluginOperation(
        "roskilde.handoff.record", summary: "Records an internal hand-off of the complaint (led); it counts in the complaint's handoffs.",
        roles: [.caseworker], params: [complaintId, from, to, withCitizen]
    ) { input, context in
        let event = try await context.complaints.recordHandoff(
            handoff, on: try input[complaintId], summary: "Handed off internally",
            data: Handoff(from: try input[from], to: try input[to], withCitizen: try input[withCitizen] ?? false))
        return RecordedHandoff(id: event.id)
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
            handoffs: events.filter { $0.type == handoff }.count,
            contacts: contacts.count,
            conversations: contacts.filter(\.isTwoWayConversation).count,
            sharedWith: try complaint.fields[RoskildeABC.sharedWith.optional] ?? [],
            wantsWrittenAnswer: try complaint.fields[RoskildeABC.wantsWrittenAnswer.optional],
            events: events.count
        )
    }
}
