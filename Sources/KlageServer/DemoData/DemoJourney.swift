import Foundation
import KlageKernel
import KlageStorage

/// One demo complaint's life, played through the real ``KlageKernel/WorkflowEngine``: received, call
/// attempts, the first conversation, the workflow's actions to the chosen outcome, letters, effort, a
/// survey and perhaps a learning item. Steps that would lie after `now` are not taken, so recent
/// complaints stay open where they would be today. What the engine refuses is not forced: the
/// complaint then stays open in the state it reached.
struct DemoJourney {
    /// What does not change between complaints.
    struct Setting {
        let tenant: Tenant
        let engine = WorkflowEngine()
        let now: Date
        let caseworker: Principal
        let system: Principal
        let writtenRouteAfter: Int
        let surveyValidDays: Int

        init(tenant: Tenant, now: Date) {
            self.tenant = tenant
            self.now = now
            caseworker = Principal(id: "demo-caseworker", tenant: tenant.id, role: .caseworker, label: "klage generate")
            system = Principal.system(tenant: tenant.id)
            writtenRouteAfter = TenantSettings.value(TenantSettings.failedCallAttemptsBeforeWrittenRoute, in: tenant.settings)
            surveyValidDays = TenantSettings.value(TenantSettings.surveyValidDays, in: tenant.settings)
        }
    }

    let setting: Setting
    let plan: DemoWorkflowPlan
    let profile: DemoProfile
    var complaint: Complaint
    var contacts: [Contact] = []
    var records = RecordBatch()

    private var definition: WorkflowDefinition { plan.definition }
    private var now: Date { setting.now }

    /// Registers the complaint and starts its clocks, as `complaint.create` does.
    init(complaint draft: Complaint, plan: DemoWorkflowPlan, profile: DemoProfile, setting: Setting, random: inout DemoRandom) {
        self.setting = setting
        self.plan = plan
        self.profile = profile
        var complaint = draft
        let effects = setting.engine.start(&complaint, in: plan.definition, settings: setting.tenant.settings)
        self.complaint = complaint
        event(
            .complaintReceived, at: complaint.receivedAt, actor: setting.caseworker,
            summary: "Complaint received by \(complaint.channel.rawValue) (\(complaint.track.rawValue))", random: &random)
        record(effects, at: complaint.receivedAt, actor: setting.caseworker, random: &random)
    }

    /// Plays the complaint to `outcome` (or leaves it open when `closes` is false), then adds effort, survey and learning.
    mutating func play(outcome: Outcome, closes: Bool, department: DemoDepartment, random: inout DemoRandom) {
        let received = complaint.receivedAt
        let byDialogue = outcome.needsCitizenConsent
        // Call attempts, then the first conversation.
        let firstHours = min(max(random.logNormal(median: profile.firstContactMedianHours, spread: profile.firstContactSpread), 0.25), 24 * 40)
        let firstContact = received.addingTimeInterval(firstHours * 3_600)
        let attempts: Int = random.pick(profile.failedAttempts)
        for attempt in 0..<attempts {
            let at = received.addingTimeInterval(firstHours * 3_600 * Double(attempt + 1) / Double(attempts + 1))
            guard at <= now else { return finish(department: department, random: &random) }
            contact(.phone, reached: false, at: at, minutes: random.int(1...4), summary: "Opkald uden svar", random: &random)
        }
        guard firstContact <= now else { return finish(department: department, random: &random) }
        contact(
            random.chance(0.06) ? .meeting : .phone, reached: true, at: firstContact,
            minutes: minutes(profile.conversationMinutes, &random), summary: "Samtale med borgeren om klagen",
            agreement: byDialogue ? "Vi vender tilbage med en løsning" : nil, random: &random)
        guard closes, let route = plan.routes[outcome], !route.isEmpty else { return finish(department: department, random: &random) }

        // The workflow's actions, spread from just after the conversation to the closing day.
        let median = complaint.track == .appeal && outcome == .forwarded ? 20 : byDialogue ? profile.dialogueDays : profile.formalDays
        let closeDays = min(random.logNormal(median: median, spread: complaint.track == .appeal ? 0.35 : 0.6), 365)
        let start = firstContact.addingTimeInterval(900)
        let closing = max(received.addingTimeInterval(closeDays * 86_400), start.addingTimeInterval(3_600))
        if random.chance(0.4) {
            let at = start.addingTimeInterval(closing.timeIntervalSince(start) / 2)
            guard at <= now else { return finish(department: department, random: &random) }
            contact(.phone, reached: true, at: at, minutes: minutes(profile.followUpMinutes, &random), summary: "Opfølgende samtale", random: &random)
        }
        let wantsWritten = byDialogue ? random.chance(0.5) : true
        for (step, action) in route.enumerated() {
            let isLast = step == route.count - 1
            let at = route.count == 1 ? closing : start.addingTimeInterval(closing.timeIntervalSince(start) * Double(step) / Double(route.count - 1))
            guard at <= now else { return finish(department: department, random: &random) }
            if isLast, !byDialogue {
                contact(
                    .letter, reached: true, at: at.addingTimeInterval(-1_800), minutes: minutes(profile.letterMinutes, &random),
                    summary: "Afgørelse sendt", random: &random)
            }
            let fields = fields(for: action, isLast: isLast, outcome: outcome, wantsWritten: wantsWritten, department: department)
            if !act(action, at: at, outcome: isLast ? outcome : nil, fields: fields, random: &random) {
                // A guard wants another contact first (e.g. A-B-C's get-back): record it, then try once more.
                let kind: ContactKind = wantsWritten && action.fields.contains { $0.name == "wantsWrittenAnswer" } ? .letter : .phone
                contact(
                    kind, reached: true, at: at.addingTimeInterval(-600), minutes: minutes(profile.followUpMinutes, &random),
                    summary: "Vendte tilbage til borgeren", random: &random)
                guard act(action, at: at, outcome: isLast ? outcome : nil, fields: fields, random: &random) else {
                    return finish(department: department, random: &random)
                }
            }
        }
        // The written confirmation of the agreement, in a tenant that sends one, when the citizen wants one.
        if complaint.deadlines.contains(where: { $0.name == AgreementConfirmation.rule.name && $0.isOpen }) {
            let at = closing.addingTimeInterval(random.logNormal(median: 1, spread: 0.7) * 86_400)
            if at <= now {
                contact(
                    .letter, reached: true, at: at, minutes: minutes(profile.letterMinutes, &random),
                    summary: "Skriftlig bekræftelse med klagevejledning", random: &random)
            }
        }
        finish(department: department, random: &random)
    }

    /// Effort, clocks up to now, the survey and a learning item.
    private mutating func finish(department: DemoDepartment, random: inout DemoRandom) {
        let end = complaint.closedAt ?? now
        let entries: Int = random.pick(profile.effortEntries) + (complaint.outcome.map { $0.needsCitizenConsent ? 0 : 1 } ?? 0)
        for _ in 0..<entries {
            let at = complaint.receivedAt.addingTimeInterval(random.unit() * end.timeIntervalSince(complaint.receivedAt))
            records.efforts.append(
                EffortEntry(
                    id: DemoIDs.next(at: at, using: &random), tenant: complaint.tenant, complaintId: complaint.id,
                    minutes: minutes(profile.effortMinutes, &random),
                    activity: random.element(["Læste sagen", "Drøftede sagen med kollega", "Skrev afgørelse", "Indhentede oplysninger"]),
                    recordedBy: setting.caseworker.id, at: at, createdAt: at))
        }
        advanceClocks(to: now, random: &random)
        guard let closedAt = complaint.closedAt else { return }
        let issued = closedAt.addingTimeInterval(7_200)
        if random.chance(0.5), issued <= now {
            var survey = Survey(
                tenant: complaint.tenant, complaintId: complaint.id, tokenHash: DemoIDs.hex256(using: &random), issuedAt: issued,
                expiresAt: issued.addingTimeInterval(Double(setting.surveyValidDays) * 86_400))
            let submitted = issued.addingTimeInterval(random.logNormal(median: 1.5, spread: 0.8) * 86_400)
            if random.chance(0.8), submitted <= now, submitted < survey.expiresAt {
                survey.submittedAt = submitted
                survey.score = random.pick(profile.surveyScores)
            }
            records.surveys.append(survey)
        }
        let created = closedAt.addingTimeInterval(86_400)
        if random.chance(profile.learningChance), created <= now {
            learningItem(at: created, department: department, random: &random)
        }
    }

    /// A learning item drawn from the complaint, moved some way through the learning workflow.
    private mutating func learningItem(at created: Date, department: DemoDepartment, random: inout DemoRandom) {
        let adopted = profile.learningChance >= DemoProfile.after.learningChance
        let states: [(StateID, Double)] =
            adopted
            ? [("proposed", 20), ("accepted", 30), ("implemented", 35), ("dismissed", 15)]
            : [("proposed", 40), ("accepted", 30), ("implemented", 15), ("dismissed", 15)]
        let state = random.pick(states)
        let steps = state == "implemented" ? 2 : state == "proposed" ? 0 : 1
        let updated = min(created.addingTimeInterval(Double(steps) * random.logNormal(median: 10, spread: 0.5) * 86_400), now)
        let id: LearningItemID = DemoIDs.next(at: created, using: &random)
        records.learningItems.append(
            LearningItem(
                id: id, tenant: complaint.tenant, complaintId: complaint.id, title: random.element(department.lessons),
                insight: "Klager i \(department.name) viser, at borgerne savner tydelig og rettidig besked.", department: department.name,
                tags: [random.element(["kommunikation", "ventetid", "sagsbehandling", "venlighed"])], state: state, version: 1 + steps,
                createdAt: created, updatedAt: updated))
        records.events.append(
            DomainEvent(
                id: DemoIDs.next(at: created, using: &random), tenant: complaint.tenant, learningItemId: id, at: created,
                type: .learningCreated, actor: setting.caseworker.id, summary: "Learning item created"))
    }

    /// Records a contact and meets the clocks it completes, as `contact.record` does.
    private mutating func contact(
        _ kind: ContactKind, reached: Bool, at: Date, minutes: Int, summary: String, agreement: String? = nil, random: inout DemoRandom
    ) {
        advanceClocks(to: at, random: &random)
        let contact = Contact(
            id: DemoIDs.next(at: at, using: &random), tenant: complaint.tenant, complaintId: complaint.id, kind: kind, reached: reached,
            occurredAt: at, recordedBy: setting.caseworker.id, summary: summary, agreement: agreement, durationMinutes: minutes, fields: [:],
            createdAt: at)
        let effects = setting.engine.contactRecorded(
            contact, on: &complaint, in: definition, earlier: contacts, writtenRouteAfter: setting.writtenRouteAfter)
        contacts.append(contact)
        records.contacts.append(contact)
        let what = reached ? kind.rawValue : "\(kind.rawValue) attempt, citizen not reached"
        event(
            .contactRecorded, at: at, actor: setting.caseworker, summary: "Contact recorded: \(what)",
            data: ["contactId": .string(contact.id.rawValue), "kind": .string(kind.rawValue), "reached": .bool(reached)], random: &random)
        if !effects.isEmpty { changed(at: at) }
        record(effects, at: at, actor: setting.caseworker, random: &random)
    }

    /// Takes a workflow action through the engine; `false` when the engine refuses it.
    private mutating func act(_ action: WorkflowAction, at: Date, outcome: Outcome?, fields: [String: JSONValue], random: inout DemoRandom) -> Bool {
        advanceClocks(to: at, random: &random)
        let input = GuardInput(
            complaint: complaint, contacts: contacts, actor: setting.caseworker, now: at, note: "Noteret i sagen", fields: fields, outcome: outcome)
        guard let taken = try? setting.engine.perform(action.id, on: complaint, in: definition, input: input, settings: setting.tenant.settings)
        else { return false }
        complaint = taken.0
        changed(at: at)
        record(taken.1, at: at, actor: setting.caseworker, random: &random)
        return true
    }

    /// Records the warn and fail points passed by `time`, as the deadline scheduler (every minute) would have.
    private mutating func advanceClocks(to time: Date, random: inout DemoRandom) {
        while let check = complaint.nextCheckAt, check <= time {
            let at = min(check.addingTimeInterval(60), time)
            let effects = setting.engine.checkClocks(&complaint, at: at)
            guard !effects.isEmpty else { break }
            changed(at: at)
            record(effects, at: at, actor: setting.system, random: &random)
        }
    }

    /// The action's fields: what the workflow declares, and the kernel's consent, written-answer and forwarding fields.
    private func fields(for action: WorkflowAction, isLast: Bool, outcome: Outcome, wantsWritten: Bool, department: DemoDepartment)
        -> [String: JSONValue]
    {
        let declared = Set(action.fields.map(\.name))
        var fields: [String: JSONValue] = [:]
        if declared.contains("sharedWith") { fields["sharedWith"] = [.string(department.name), "Teamleder"] }
        if declared.contains("lesson") { fields["lesson"] = .string(department.lessons[0]) }
        if declared.contains(KernelActionFields.wantsWrittenAnswer.name)
            || (isLast && outcome.needsCitizenConsent && KernelActionFields.wantsWrittenAnswer(complaint) == nil)
        {
            fields[KernelActionFields.wantsWrittenAnswer.name] = .bool(wantsWritten)
        }
        if isLast, outcome.needsCitizenConsent { fields[KernelActionFields.citizenConsent.name] = true }
        if isLast, outcome == .forwarded {
            fields[KernelActionFields.forwardedTo.name] = complaint.track == .appeal ? "Ankestyrelsen" : "Borgerrådgiveren"
        }
        return fields
    }

    private mutating func changed(at: Date) {
        complaint.version += 1
        complaint.updatedAt = max(complaint.updatedAt, at)
    }

    private func minutes(_ median: Double, _ random: inout DemoRandom) -> Int {
        min(max(Int(random.logNormal(median: median, spread: 0.45).rounded()), 2), 600)
    }

    /// The journey events of the engine's effects; the bookkeeping ones (state entered, clock started,
    /// stopped or warned) are left out to keep the load small: the complaint's fields hold them.
    private mutating func record(_ effects: [WorkflowEffect], at: Date, actor: Principal, random: inout DemoRandom) {
        for entry in effects.filter({ !$0.isBookkeeping }).flatMap(\.journal) {
            event(entry.type, at: at, actor: actor, summary: entry.summary, data: entry.data, random: &random)
        }
    }

    /// Appends an event; events of one step are a millisecond apart, so the journey keeps their order.
    private mutating func event(
        _ type: EventType, at: Date, actor: Principal, summary: String, data: [String: JSONValue] = [:], random: inout DemoRandom
    ) {
        var time = at
        if let last = records.events.last, last.complaintId == complaint.id, last.at >= at { time = last.at.addingTimeInterval(0.001) }
        records.events.append(
            DomainEvent(
                id: DemoIDs.next(at: time, using: &random), tenant: complaint.tenant, complaintId: complaint.id, at: time, type: type,
                actor: actor.id, summary: summary, data: data))
    }
}
