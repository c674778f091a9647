public import KlagePluginAPI

/// Roskilde's A-B-C method (Klagedrevet Innovation): A, direct oral contact; B, share the citizen's
/// experience with named colleagues or departments; C, get back to the citizen within a set number of
/// days. The citizen's choice of a written answer is recorded and no letter step is forced; the
/// complaint journey shows touchpoints before the complaint and counts internal hand-offs.
public struct RoskildeABC: KlagePlugin {
    public let id: PluginID = "roskilde"
    public let title = "A-B-C, complaint-driven innovation (Roskilde)"

    public init() {}

    public func register(into registrar: inout PluginRegistrar) {
        registrar.setting(Self.firstContactDeadline)
        registrar.setting(Self.getBackDeadline)
        registrar.workflow(Self.abc)
        registrar.operation(ComplaintJourney.addTouchpoint)
        registrar.operation(ComplaintJourney.recordHandoff)
        registrar.operation(ComplaintJourney.summary)
        registrar.eventTitle(ComplaintJourney.touchpoint, title: LocalizedText(da: "Kontakt før klagen", en: "Touchpoint before the complaint"))
        registrar.eventTitle(ComplaintJourney.handoff, title: LocalizedText(da: "Overdraget", en: "Handed off"))
    }

    /// A: the direct oral contact, due one working day after receipt.
    public static let firstContactDeadline = DeadlineSetting("roskilde.firstContactDeadline", default: .workingHours(8))
    /// C: getting back to the citizen, due 5 working days after receipt (e.g. `"3wd"`).
    public static let getBackDeadline = DeadlineSetting("roskilde.getBackDeadline", default: .workingDays(5))

    /// B: the colleagues or departments told.
    static let sharedWith = Field<[String]>(
        "sharedWith", .list(.text(max: 200), max: 30), "the colleagues or departments told",
        label: LocalizedText(da: "Delt med (én pr. linje)", en: "Shared with (one per line)"))
    /// B: what they were told.
    static let lesson = Field<String?>(
        "lesson", .text(max: 2_000), "what they were told", label: LocalizedText(da: "Hvad de fik at vide", en: "What they were told"))
    /// C: whether the citizen wants a written answer.
    static let wantsWrittenAnswer = Field<Bool>(
        "wantsWrittenAnswer", .bool, "the citizen's own choice; no letter is forced",
        label: LocalizedText(da: "Borgeren ønsker et skriftligt svar", en: "The citizen wants a written answer"))

    /// The A-B-C workflow.
    ///
    /// ```
    ///   received ──a──▶ contacted ──b──▶ shared ──c──▶ answered ──close──▶ closed
    ///     A: talk        B: share (with whom)   C: get back (written answer wanted?)
    ///   withdraw (citizenConsent) from every open state ──▶ closed
    /// ```
    /// A is oral by default; on the written route (after the tenant's failed call attempts, or when the
    /// citizen asked for written contact, ``WrittenRoute``) a letter, e-mail or Digital Post that reached the
    /// citizen is A, so an unreachable citizen's appeal still goes on to forwarding within its 4 weeks.
    /// A is due one working day after receipt (`8wh` on the Danish calendar: a complaint that arrives on
    /// Friday at 14:00 is due on Monday at 14:00; setting `roskilde.firstContactDeadline`), C within 5
    /// working days (setting `roskilde.getBackDeadline`, e.g. `"3wd"`). C needs a real get-back: a new
    /// contact with the citizen after the A conversation, or the written answer when the citizen wants one.
    public static let abc = WorkflowDefinition(
        id: "roskilde.abc",
        version: 1,
        title: LocalizedText(da: "A-B-C: tal, del, vend tilbage", en: "A-B-C: talk, share, get back"),
        initialState: "received",
        states: [
            WorkflowState("received", title: LocalizedText(da: "Modtaget", en: "Received")),
            WorkflowState("contacted", title: LocalizedText(da: "A: direkte mundtlig kontakt taget", en: "A: direct oral contact made")),
            WorkflowState("shared", title: LocalizedText(da: "B: erfaringen er delt med kolleger", en: "B: experience shared with colleagues")),
            WorkflowState("answered", title: LocalizedText(da: "C: vendt tilbage til borgeren", en: "C: got back to the citizen")),
            WorkflowState("closed", title: LocalizedText(da: "Afsluttet", en: "Closed"), isFinal: true),
        ],
        actions: [
            WorkflowAction(
                "a",
                title: LocalizedText(
                    da: "A: direkte kontakt (mundtlig; skriftlig ad den skriftlige vej)", en: "A: direct contact (oral; written on the written route)"
                ), from: ["received"], to: "contacted",
                guards: [.citizenReached]),
            WorkflowAction(
                "b", title: LocalizedText(da: "B: del borgerens oplevelse", en: "B: share the citizen's experience"), from: ["contacted"],
                to: "shared", fields: [sharedWith, lesson]),
            WorkflowAction(
                "c", title: LocalizedText(da: "C: vend tilbage til borgeren", en: "C: get back to the citizen"), from: ["shared"], to: "answered",
                guards: [Self.gotBackAfterA],
                fields: [wantsWrittenAnswer]),
            WorkflowAction(
                "close", title: LocalizedText(da: "Afslut", en: "Close"), from: ["answered"], to: "closed",
                outcomes: [.withdrawn, .resolved, .upheld, .partlyUpheld, .rejected, .forwarded]),
            .withdrawal(from: ["received", "contacted", "shared", "answered"], to: "closed"),
        ],
        deadlines: [
            DeadlineRule(
                "firstContact", title: LocalizedText(da: "A: direkte mundtlig kontakt", en: "A: direct oral contact"), starts: .onReceipt,
                setting: firstContactDeadline, metBy: .oralContact),
            DeadlineRule(
                "getBack", title: LocalizedText(da: "C: vend tilbage til borgeren", en: "C: get back to the citizen"), starts: .onReceipt,
                setting: getBackDeadline,
                metBy: .entering(["answered"])),
        ]
    )

    /// C's guard: the citizen heard back after the A conversation. The A conversation is the first
    /// two-way conversation (on the written route, the first written contact that reached the citizen); the get-back is another contact that reached the citizen, no earlier than
    /// it, and a letter or e-mail when the citizen wants a written answer (`wantsWrittenAnswer` on C).
    public static let gotBackAfterA = WorkflowGuard(
        "gotBackAfterA",
        "a get-back after the A conversation must be recorded first: a new contact with the citizen, or the written answer when wanted"
    ) { input in
        guard let conversationA = WrittenRoute.firstReach(in: input.contacts, on: input.complaint) else { return false }
        let wantsWritten = (try? input.fields[wantsWrittenAnswer.optional]) ?? KernelActionFields.wantsWrittenAnswer(input.complaint) ?? false
        return input.contacts.contains { contact in
            contact.id != conversationA.id && contact.reached && !ClientTime.isBefore(contact.occurredAt, conversationA.occurredAt)
                && (!wantsWritten || contact.kind.isWritten)
        }
    }
}
