import KlageKernel

/// Roskilde's A-B-C method (Klagedrevet Innovation): A, direct oral contact; B, share the citizen's
/// experience with colleagues; C, get back to the citizen quickly. No letter is forced.
public struct RoskildeABC: KlagePlugin {
    public let id: PluginID = "roskilde"
    public let title = "A-B-C, complaint-driven innovation (Roskilde)"

    public init() {}

    public func register(into registrar: inout PluginRegistrar) {
        registrar.workflow(Self.abc)
    }

    /// The A-B-C workflow.
    ///
    /// ```
    ///   received ──a──▶ contacted ──b──▶ shared ──c──▶ answered ──close──▶ closed
    /// ```
    public static let abc = WorkflowDefinition(
        id: "roskilde.abc",
        version: 1,
        title: "A-B-C: talk, share, get back",
        initialState: "received",
        states: [
            WorkflowState("received", title: "Received"),
            WorkflowState("contacted", title: "A: direct oral contact made"),
            WorkflowState("shared", title: "B: experience shared with colleagues"),
            WorkflowState("answered", title: "C: got back to the citizen"),
            WorkflowState("closed", title: "Closed", isFinal: true),
        ],
        actions: [
            WorkflowAction("a", title: "A: direct oral contact", from: ["received"], to: "contacted", guards: [.oralContactRecorded]),
            WorkflowAction("b", title: "B: share the experience with colleagues", from: ["contacted"], to: "shared", guards: [.noteGiven]),
            WorkflowAction("c", title: "C: get back to the citizen", from: ["shared"], to: "answered", guards: [.contactRecorded]),
            WorkflowAction("close", title: "Close", from: ["answered"], to: "closed",
                           outcomes: [.withdrawn, .resolved, .upheld, .partlyUpheld, .rejected, .forwarded]),
        ],
        deadlines: [
            DeadlineRule("firstContact", title: "A: direct oral contact", starts: .onReceipt, duration: .hours(24), metBy: .oralContact),
            DeadlineRule("getBack", title: "C: get back to the citizen", starts: .onReceipt, duration: .days(10), metBy: .entering(["answered"])),
        ]
    )
}
