public import KlagePluginAPI

/// The example plug-in of the guide *Writing a plug-in*, which quotes it: acknowledge every complaint in
/// writing within two working days, answer it or forward an appeal, keep the follow-ups promised to the
/// citizen, and let caseworkers add notes to the journey. Compiled and tested like the others; copy
/// this folder to start your own method.
public struct ExampleAcknowledgement: KlagePlugin {
    public let id: PluginID = "example"  // lowercase; it prefixes your workflows, methods, settings
    public let title = "Example: written acknowledgement"

    public init() {}

    public func register(into registrar: inout PluginRegistrar) {
        registrar.workflow(Self.workflow)  // any number of workflows
        registrar.setting(Self.acknowledgementDeadline)  // tenant settings, in any order with the workflow
        registrar.operation(Notes.add)  // JSON-RPC methods: example.<noun>.<verb>
        registrar.eventTitle(Notes.note, title: LocalizedText(da: "Notat", en: "Note"))  // its journey events, in both languages
        registrar.operation(FollowUps.list)
        registrar.operation(FollowUps.done)
        registrar.on(ContactRecorded.self, FollowUps.contactRecorded)  // event hooks
        registrar.panel(FollowUps.panel)  // a table on the console's page of a complaint
        registrar.attention(FollowUps.overdue)  // what leaders should look at, and its title
        registrar.attentionKind(FollowUps.overdueKind, title: LocalizedText(da: "Opfølgning overskredet", en: "Follow-up overdue"))
    }

    /// How long the written acknowledgement may take; a tenant may set e.g. `"1wd"`.
    public static let acknowledgementDeadline = DeadlineSetting("example.acknowledgementDeadline", default: .workingDays(2))

    /// The written answer, required to close (the kernel checks its kind and that it fits a `String`).
    static let answer = Field<String>(
        "answer", .text(max: 4_000), "the written answer", label: LocalizedText(da: "Det skriftlige svar", en: "The written answer"))

    /// received ──acknowledge──▶ acknowledged ──close──▶ closed; the acknowledgement is due in 2 working days.
    public static let workflow = WorkflowDefinition(
        id: "example.acknowledge",  // <plugin id>.<name>
        title: LocalizedText(da: "Kvittér, og svar så", en: "Acknowledge, then answer"),
        initialState: "received",
        states: [
            WorkflowState("received", title: LocalizedText(da: "Modtaget", en: "Received")),
            WorkflowState("acknowledged", title: LocalizedText(da: "Kvitteret skriftligt", en: "Acknowledged in writing")),
            WorkflowState("closed", title: LocalizedText(da: "Afsluttet", en: "Closed"), isFinal: true),
        ],
        actions: [
            WorkflowAction(
                "acknowledge", title: LocalizedText(da: "Kvittér", en: "Acknowledge"), from: ["received"], to: "acknowledged",
                guards: [.contactRecorded]),
            WorkflowAction(
                "close", title: LocalizedText(da: "Afslut", en: "Close"), from: ["acknowledged"], to: "closed",
                outcomes: [.upheld, .partlyUpheld, .rejected, .forwarded],  // .forwarded: an appeal goes on to the appeals board
                fields: [answer]),
            .withdrawal(from: ["received", "acknowledged"], to: "closed"),
        ],
        deadlines: [
            DeadlineRule(
                "acknowledgement", title: LocalizedText(da: "Kvittér skriftligt", en: "Acknowledge in writing"), starts: .onReceipt,
                setting: acknowledgementDeadline, metBy: .writtenContact)
        ],
        contactFields: [FollowUps.promise]  // a contact may record what was promised the citizen
    )
}
