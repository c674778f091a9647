public import KlagePluginAPI

/// The example plug-in of the guide *Writing a plug-in*: acknowledge every complaint in writing within
/// two working days, and let caseworkers add notes to the journey. Compiled and tested like the
/// others; copy this folder to start your own method.
public struct ExampleAcknowledgement: KlagePlugin {
    public let id: PluginID = "example"
    public let title = "Example: written acknowledgement"

    public init() {}

    public func register(into registrar: inout PluginRegistrar) {
        registrar.setting(Self.acknowledgementDeadline)
        registrar.workflow(Self.workflow)
        registrar.operation(Self.addNote)
    }

    /// How long the written acknowledgement may take; a tenant may set e.g. `"1wd"`.
    public static let acknowledgementDeadline = DeadlineSetting("example.acknowledgementDeadline", default: .workingDays(2))

    /// received ──acknowledge──▶ acknowledged ──close──▶ closed; the acknowledgement is due in 2 working days.
    public static let workflow = WorkflowDefinition(
        id: "example.acknowledge",
        title: "Acknowledge, then answer",
        initialState: "received",
        states: [
            WorkflowState("received", title: "Received"),
            WorkflowState("acknowledged", title: "Acknowledged in writing"),
            WorkflowState("closed", title: "Closed", isFinal: true),
        ],
        actions: [
            WorkflowAction("acknowledge", title: "Acknowledge", from: ["received"], to: "acknowledged", guards: [.contactRecorded]),
            WorkflowAction(
                "close", title: "Close", from: ["acknowledged"], to: "closed", outcomes: [.upheld, .partlyUpheld, .rejected, .forwarded],
                fields: [FieldSpec("answer", .text(max: 4_000), required: true)]),
            .withdrawal(from: ["received", "acknowledged"], to: "closed"),
        ],
        deadlines: [
            DeadlineRule(
                "acknowledgement", title: "Acknowledge in writing", starts: .onReceipt,
                setting: acknowledgementDeadline, metBy: .writtenContact)
        ]
    )

    /// The journey event of a note.
    static let note: EventType = "example.note"

    /// The complaint a note is added to.
    static let complaintId = Field<ComplaintID>("complaintId", .text(max: 64))
    /// The note's text.
    static let text = Field<String>("text", .text(max: 2_000))

    /// The data of an `example.note` event.
    struct Note: Codable, Sendable {
        let text: String
    }

    /// What `example.note.add` returns: the id of the journey event.
    struct Added: Encodable, Sendable {
        let id: EventID
    }

    /// `example.note.add`: a note in the complaint's journey.
    static let addNote = PluginOperation(
        "example.note.add", summary: "Adds a note to a complaint's journey.", roles: [.caseworker], params: [complaintId, text]
    ) { input, context in
        let event = try await context.complaints.appendEvent(
            note, to: try input[complaintId], summary: "Note", data: Note(text: try input[text]))
        return Added(id: event.id)
    }
}
