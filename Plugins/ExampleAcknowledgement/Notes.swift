import KlagePluginAPI

/// Notes in a complaint's journey, added by caseworkers.
enum Notes {
    static let complaintId = Field<ComplaintID>("complaintId", .text(max: 64))  // required
    static let text = Field<String>("text", .text(max: 2_000))  // required
    static let author = Field<String?>("author", .text(max: 100), "who wrote it, if not the caller")  // optional

    /// The journey event a note adds.
    static let note: EventType = "example.note"

    /// That event's data.
    struct Note: Codable, Sendable {
        let text: String
        let author: String?
    }

    /// The result: `{"id": "…"}`.
    struct Added: Encodable, Sendable {
        let id: EventID
    }

    static let add = PluginOperation(
        "example.note.add", summary: "Adds a note to a complaint's journey.", roles: [.caseworker], params: [complaintId, text, author]
    ) { input, context in
        let event = try await context.complaints.appendEvent(
            note, to: try input[complaintId], summary: "Note", data: Note(text: try input[text], author: try input[author]))
        return Added(id: event.id)
    }
}
