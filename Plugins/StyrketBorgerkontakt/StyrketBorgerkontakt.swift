public import KlagePluginAPI

/// Copenhagen's Styrket Borgerkontakt: call the citizen back within one working day (the method's
/// 24 hours, counted on the working calendar), talk along the conversation triangle, agree on who
/// does what by when, and close by agreement, or continue the formal complaint procedure.
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
        registrar.setting(Self.callbackDeadline)
        registrar.workflow(Self.dialogue)
        registrar.on(ContactRecorded.self, AgreementTasks.contactRecorded)
        registrar.operation(AgreementTasks.list)
        registrar.operation(AgreementTasks.complete)
        registrar.attention(AgreementTasks.overdue)
        registrar.attentionKind(AgreementTasks.taskOverdue, title: LocalizedText(da: "Aftalt opgave overskredet", en: "Agreed task overdue"))
        registrar.panel(AgreementTasks.panel)
        registrar.eventTitle(
            AgreementTasks.section13Note,
            title: LocalizedText(da: "Samtalen er registreret som notat efter § 13", en: "Completed conversation triangle recorded as the §13 note"))
        registrar.eventTitle(
            AgreementTasks.conversationDeclined,
            title: LocalizedText(
                da: "Borgeren ønskede ikke samtalen: intet notat efter § 13 af en samtale",
                en: "The citizen declined the conversation: no §13 note of a conversation"))
        registrar.eventTitle(AgreementTasks.taskDone, title: LocalizedText(da: "Aftalt opgave udført", en: "Agreed task done"))
        registrar.operation(Section13Notes.list)
        registrar.panel(Section13Notes.panel)
    }

    /// The call-back: one working day after receipt (`8wh`); a tenant may set e.g. `"24h"`.
    public static let callbackDeadline = DeadlineSetting("borgerkontakt.callbackDeadline", default: .workingHours(8))

    /// Where a complaint continued formally went, e.g. Ankestyrelsen.
    static let forwardedTo = Field<String?>(
        "forwardedTo", .text(max: 200), "where the complaint went, e.g. Ankestyrelsen",
        label: LocalizedText(da: "Sendt videre til", en: "Forwarded to"))

    /// The dialogue workflow.
    ///
    /// ```
    ///   received ──confirmContact──▶ contacted ──close(withdrawn|resolved)──▶ closed
    ///      │                            │
    ///      └────continueFormally────────┴──▶ formal ──decide(upheld|…|forwarded)──▶ closed
    ///   withdraw (citizenConsent) from received, contacted and formal ──▶ closed
    /// ```
    /// The conversation is oral by default; on the written route (after the tenant's failed call attempts,
    /// or when the citizen asked for written contact, ``WrittenRoute``) a letter, e-mail or Digital Post that
    /// reached the citizen confirms the contact and allows closing by agreement. The citizen may withdraw at
    /// every stage, a complaint or appeal that continued formally included.
    /// The call-back is due one working day after receipt on the Danish calendar (`8wh`: a complaint that
    /// arrives on Friday at 14:00 is due on Monday at 14:00, one that arrives on 23 December at 15:00 on
    /// 28 December at 15:00; tenant setting `borgerkontakt.callbackDeadline`, e.g. `"24h"` for a service
    /// that calls back on weekends too) and is met by the first oral conversation that reaches the
    /// citizen, or by a letter or e-mail once the tenant's number of call attempts has failed.
    public static let dialogue = WorkflowDefinition(
        id: "borgerkontakt.dialogue",
        version: 1,
        title: LocalizedText(da: "Styrket Borgerkontakt: ring tilbage, lyt, aftal", en: "Styrket Borgerkontakt: call back, listen, agree"),
        initialState: "received",
        states: [
            WorkflowState("received", title: LocalizedText(da: "Modtaget: ring borgeren op", en: "Received: call the citizen back")),
            WorkflowState("contacted", title: LocalizedText(da: "Kontaktet: samtalen er holdt", en: "Contacted: the conversation took place")),
            WorkflowState("formal", title: LocalizedText(da: "Fortsat som formel klagesag", en: "Continued in the formal complaint procedure")),
            WorkflowState("closed", title: LocalizedText(da: "Afsluttet", en: "Closed"), isFinal: true),
        ],
        actions: [
            WorkflowAction(
                "confirmContact", title: LocalizedText(da: "Bekræft samtalen med borgeren", en: "Confirm the call-back conversation"),
                from: ["received"], to: "contacted",
                guards: [.citizenReached]),
            WorkflowAction(
                "close", title: LocalizedText(da: "Afslut efter aftale med borgeren", en: "Close by agreement with the citizen"), from: ["contacted"],
                to: "closed",
                guards: [.citizenReached], outcomes: [.withdrawn, .resolved]),
            WorkflowAction(
                "continueFormally", title: LocalizedText(da: "Fortsæt som formel klagesag", en: "Continue the formal complaint procedure"),
                from: ["received", "contacted"],
                to: "formal", guards: [.noteGiven],
                fields: [forwardedTo]),
            WorkflowAction(
                "decide", title: LocalizedText(da: "Afgør den formelle klage", en: "Decide the formal complaint"), from: ["formal"], to: "closed",
                guards: [.noteGiven], outcomes: [.upheld, .partlyUpheld, .rejected, .forwarded],
                fields: [forwardedTo]),
            .withdrawal(from: ["received", "contacted", "formal"], to: "closed"),
        ],
        deadlines: [
            DeadlineRule(
                "firstContact", title: LocalizedText(da: "Ring borgeren op", en: "Call the citizen back"), starts: .onReceipt,
                setting: callbackDeadline, metBy: .oralContact)
        ],
        contactFields: Triangle.fields
    )
}
