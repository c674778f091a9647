import Foundation
import KlageKernel

/// The complaint journey (klagerejse): touchpoints before the complaint, internal hand-offs, and a
/// summary that counts them, as Roskilde measured them falling.
enum ComplaintJourney {
    static let touchpoint: EventType = "roskilde.touchpoint"
    static let handoff: EventType = "roskilde.handoff"

    /// `roskilde.touchpoint.add`: a contact the municipality had with the citizen before the complaint.
    static let addTouchpoint = PluginOperation(
        "roskilde.touchpoint.add", summary: "Adds a touchpoint the municipality had with the citizen before the complaint to its journey.",
        roles: [.caseworker],
        params: [
            FieldSpec("complaintId", .text(max: 64), required: true), FieldSpec("at", .time, required: true),
            FieldSpec("channel", .choice(["phone", "letter", "email", "meeting", "web", "digital_post", "other"]), required: true),
            FieldSpec("department", .text(max: 100)), FieldSpec("description", .text(max: 2_000), required: true),
        ]
    ) { input, context in
        let complaintId = ComplaintID(try input.required("complaintId"))
        let complaint = try await context.complaints.get(complaintId)
        guard let at = input.time("at"), !ClientTime.isAfter(at, complaint.receivedAt) else {
            throw KlageError.validation(field: "at", reason: "a touchpoint comes before the complaint was received")
        }
        var data: [String: JSONValue] = ["channel": .string(try input.required("channel")), "description": .string(try input.required("description"))]
        if let department = input.string("department") { data["department"] = .string(department) }
        let event = try await context.complaints.appendEvent(touchpoint, to: complaintId,
                                                             summary: "Touchpoint before the complaint", data: data, at: at)
        return ["id": .string(event.id.rawValue), "at": .string(Timestamp.format(at))]
    }

    /// `roskilde.handoff.record`: the complaint moved from one colleague or department to another.
    static let recordHandoff = PluginOperation(
        "roskilde.handoff.record", summary: "Records an internal hand-off of the complaint (led).", roles: [.caseworker],
        params: [
            FieldSpec("complaintId", .text(max: 64), required: true), FieldSpec("from", .text(max: 200), required: true),
            FieldSpec("to", .text(max: 200), required: true), FieldSpec("withCitizen", .bool, "the citizen took part in the hand-off"),
        ]
    ) { input, context in
        let complaintId = ComplaintID(try input.required("complaintId"))
        let event = try await context.complaints.appendEvent(
            handoff, to: complaintId, summary: "Handed off internally",
            data: ["from": .string(try input.required("from")), "to": .string(try input.required("to")),
                   "withCitizen": .bool(input.bool("withCitizen") ?? false)]
        )
        return ["id": .string(event.id.rawValue)]
    }

    /// `roskilde.journey.summary`: the journey's figures.
    static let summary = PluginOperation(
        "roskilde.journey.summary", summary: "The complaint journey's figures: touchpoints before the complaint, hand-offs, contacts, who was told.",
        roles: [.caseworker, .integration],
        params: [FieldSpec("complaintId", .text(max: 64), required: true)]
    ) { input, context in
        let complaintId = ComplaintID(try input.required("complaintId"))
        let complaint = try await context.complaints.get(complaintId)
        let events = try await context.complaints.journey(of: complaintId)
        let contacts = try await context.complaints.contacts(of: complaintId)
        return [
            "complaintId": .string(complaintId.rawValue),
            "touchpointsBefore": .number(Double(events.filter { $0.type == touchpoint }.count)),
            "handoffs": .number(Double(events.filter { $0.type == handoff }.count)),
            "contacts": .number(Double(contacts.count)),
            "conversations": .number(Double(contacts.filter(\.isTwoWayConversation).count)),
            "sharedWith": complaint.fields["sharedWith"] ?? .array([]),
            "wantsWrittenAnswer": complaint.fields["wantsWrittenAnswer"] ?? .null,
            "events": .number(Double(events.count)),
        ]
    }
}
