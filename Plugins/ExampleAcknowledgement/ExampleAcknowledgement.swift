import KlageKernel

/// The example plug-in of `Plugins/README.md`: acknowledge every complaint in writing within two
/// working days, and let caseworkers add notes to the journey. Compiled and tested like the others;
/// copy this folder to start a fourth method.
public struct ExampleAcknowledgement: KlagePlugin {
    public let id: PluginID = "example"
    public let title = "Example: written acknowledgement"

    public init() {}

    public func register(into registrar: inout PluginRegistrar) {
        registrar.workflow(Self.workflow)
        registrar.operation(Self.addNote)
    }

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
            WorkflowAction("close", title: "Close", from: ["acknowledged"], to: "closed", outcomes: [.upheld, .partlyUpheld, .rejected],
                           fields: [FieldSpec("answer", .text(max: 4_000), required: true)]),
        ],
        deadlines: [
            DeadlineRule("acknowledgement", title: "Acknowledge in writing", starts: .onReceipt, duration: .workingDays(2),
                         setting: "example.acknowledgementDeadline", metBy: .writtenContact),
        ]
    )

    /// `example.note.add`: a note in the complaint's journey.
    static let addNote = PluginOperation(
        "example.note.add", summary: "Adds a note to a complaint's journey.", roles: [.caseworker],
        params: [FieldSpec("complaintId", .text(max: 64), required: true), FieldSpec("text", .text(max: 2_000), required: true)]
    ) { input, context in
        let event = try await context.complaints.appendEvent(
            "example.note", to: ComplaintID(try input.required("complaintId")),
            summary: "Note", data: ["text": .string(try input.required("text"))]
        )
        return ["id": .string(event.id.rawValue)]
    }
}
