import KlageKernel

/// Copenhagen's Styrket Borgerkontakt: call the citizen back within 24 hours, talk along the
/// conversation triangle, agree on who does what by when, and close by agreement, or continue the
/// formal complaint procedure.
///
/// ```swift
/// var plugins = PluginRegistryBuilder()
/// plugins.register(StyrketBorgerkontakt())
/// ```
public struct StyrketBorgerkontakt: KlagePlugin {
    public let id: PluginID = "borgerkontakt"
    public let title = "Styrket Borgerkontakt (Copenhagen)"

    public init() {}

    public func register(into registrar: inout PluginRegistrar) {
        registrar.workflow(Self.dialogue)
        registrar.on(.contactRecorded, AgreementTasks.contactRecorded)
        registrar.operation(AgreementTasks.list)
        registrar.operation(AgreementTasks.complete)
        registrar.attention(AgreementTasks.overdue)
    }

    /// The dialogue workflow.
    ///
    /// ```
    ///   received ──confirmContact──▶ contacted ──close(withdrawn|resolved)──▶ closed
    ///      │                            │
    ///      └────continueFormally────────┴──▶ formal ──decide(upheld|…|forwarded)──▶ closed
    /// ```
    /// The call-back is due 24 hours after receipt (tenant setting `borgerkontakt.callbackDeadline`,
    /// e.g. `"8wh"`) and is met by the first oral conversation that reaches the citizen.
    public static let dialogue = WorkflowDefinition(
        id: "borgerkontakt.dialogue",
        version: 1,
        title: "Styrket Borgerkontakt: call back, listen, agree",
        initialState: "received",
        states: [
            WorkflowState("received", title: "Received: call the citizen back"),
            WorkflowState("contacted", title: "Contacted: the conversation took place"),
            WorkflowState("formal", title: "Continued in the formal complaint procedure"),
            WorkflowState("closed", title: "Closed", isFinal: true),
        ],
        actions: [
            WorkflowAction("confirmContact", title: "Confirm the call-back conversation", from: ["received"], to: "contacted",
                           guards: [.oralContactRecorded]),
            WorkflowAction("close", title: "Close by agreement with the citizen", from: ["contacted"], to: "closed",
                           guards: [.oralContactRecorded], outcomes: [.withdrawn, .resolved]),
            WorkflowAction("continueFormally", title: "Continue the formal complaint procedure", from: ["received", "contacted"],
                           to: "formal", guards: [.noteGiven],
                           fields: [FieldSpec("forwardedTo", .text(max: 200), "where the complaint went, e.g. Ankestyrelsen")]),
            WorkflowAction("decide", title: "Decide the formal complaint", from: ["formal"], to: "closed",
                           guards: [.noteGiven], outcomes: [.upheld, .partlyUpheld, .rejected, .forwarded],
                           fields: [FieldSpec("forwardedTo", .text(max: 200), "where the complaint went, e.g. Ankestyrelsen")]),
        ],
        deadlines: [
            DeadlineRule("firstContact", title: "Call the citizen back", starts: .onReceipt, duration: .hours(24),
                         setting: "borgerkontakt.callbackDeadline", metBy: .oralContact),
        ],
        contactFields: Triangle.fields
    )
}
