public import Foundation

/// Runs workflows: starts complaints in their initial state, takes actions, and keeps deadlines
/// (warn and fail points, pause and resume, the statutory clocks of DOMAIN.md).
///
/// Pure: it changes values and reports ``WorkflowEffect``s; the caller stores them and records events.
///
/// ```swift
/// var complaint = draft
/// let started = engine.start(&complaint, in: definition, settings: tenant.settings)
/// let (next, effects) = try engine.perform("close", on: complaint, in: definition, input: input)
/// ```
public struct WorkflowEngine: Sendable {
    /// The working calendar of a tenant that sets neither `workingHours` nor `closingDays`.
    public let calendar: DanishCalendar

    public init(calendar: DanishCalendar = .standard) {
        self.calendar = calendar
    }

    /// The calendar a tenant's working-time clocks run on: its own (``TenantSettings/workingCalendar(in:)``)
    /// when it sets working hours or closing days, else ``calendar``.
    public func calendar(for settings: [String: JSONValue]) -> DanishCalendar {
        TenantSettings.workingCalendar(in: settings) ?? calendar
    }

    /// Puts a new complaint in the workflow's initial state and starts the clocks that run from receipt;
    /// an appeal also gets the statutory forwarding deadline.
    public func start(_ complaint: inout Complaint, in definition: WorkflowDefinition, settings: [String: JSONValue]) -> [WorkflowEffect] {
        complaint.state = definition.initialState
        var effects: [WorkflowEffect] = [.entered(definition.initialState)]
        var rules = definition.deadlines.filter { rule in
            switch rule.start {
            case .onReceipt: true
            case .onEntering(let state): state == definition.initialState
            }
        }
        if complaint.track == .appeal { rules.append(StatutoryDeadlines.appealForwarding) }
        for rule in rules {
            effects.append(startClock(rule, at: complaint.receivedAt, on: &complaint, settings: settings))
        }
        allowForLateRegistration(&complaint, settings: settings)
        return effects
    }

    /// A complaint registered after its receipt (by a case system, or a letter scanned the next day) keeps
    /// its clocks from receipt, but the scheduler records no miss until a grace after registration has
    /// passed: as long as the registration was late, at most the tenant's `lateRegistrationGraceHours`.
    /// The contacts made before registration, such as the call in which the complaint was received, are
    /// recorded at their real time first, and the clocks are judged by that time.
    private func allowForLateRegistration(_ complaint: inout Complaint, settings: [String: JSONValue]) {
        let delay = complaint.createdAt.timeIntervalSince(complaint.receivedAt)
        guard delay > 0 else { return }
        let hours = TenantSettings.value(TenantSettings.lateRegistrationGraceHours, in: settings)
        let judgedFrom = complaint.createdAt.addingTimeInterval(min(delay, Double(hours) * 3600))
        for index in complaint.deadlines.indices where complaint.deadlines[index].dueAt < judgedFrom {
            complaint.deadlines[index].missJudgedFrom = judgedFrom
        }
    }

    /// Takes one action on a complaint, checking state, role, fields, outcome, consent, track and guards.
    ///
    /// - Returns: the changed complaint (version not yet bumped) and what happened.
    /// - Throws: ``KlageError`` — validation for an unknown action, bad fields or a wrong outcome, conflict
    ///   when the action is not allowed in this state or a guard fails, forbidden when the role may not take it.
    public func perform(
        _ actionID: ActionID, on complaint: Complaint, in definition: WorkflowDefinition, input: GuardInput,
        settings: [String: JSONValue] = [:]
    ) throws -> (Complaint, [WorkflowEffect]) {
        let action = try allowedAction(actionID, from: complaint.state, in: definition, by: input.actor)
        try FieldSpec.validate(input.fields, against: KernelActionFields.specs(for: action), path: "fields", strict: true)
        try checkOutcome(input.outcome, for: action, complaint: complaint, fields: input.fields)
        if let failed = action.guards.first(where: { !$0.holds(for: input) }) { throw failed.refusal(of: actionID) }

        var next = complaint
        var effects: [WorkflowEffect] = [.actionTaken(actionID, outcome: input.outcome)]
        if let outcome = input.outcome { next.outcome = outcome }
        next.fields.merge(input.fields) { _, new in new }
        if let wants = input.fields[KernelActionFields.wantsWrittenAnswer.name]?.boolValue,
            wants != KernelActionFields.wantsWrittenAnswer(complaint)
        {
            effects.append(.writtenAnswerChosen(wants: wants))
        }
        if input.outcome == .forwarded, let to = next.fields[KernelActionFields.forwardedTo.name]?.stringValue {
            effects.append(.forwarded(to: to))
        }
        effects += enter(action.to, on: &next, in: definition, at: input.now, settings: settings, contacts: input.contacts)
        return (next, effects)
    }

    /// Takes one action on a learning item, with the same checks as a complaint's: state, role, guards.
    ///
    /// - Returns: the item in its new state (version not yet bumped) and what happened.
    /// - Throws: as ``perform(_:on:in:input:settings:)``; a guard that needs a complaint never holds here.
    public func perform(_ actionID: ActionID, on item: LearningItem, in definition: WorkflowDefinition, request: ActionRequest) throws
        -> (LearningItem, [WorkflowEffect])
    {
        let action = try allowedAction(actionID, from: item.state, in: definition, by: request.actor)
        if let failed = action.guards.first(where: { $0.holds(for: request) != true }) { throw failed.refusal(of: actionID) }
        var next = item
        next.state = action.to
        return (next, [.actionTaken(actionID, outcome: nil), .entered(action.to)])
    }

    /// The action `actionID` if `actor` may take it from `state`.
    ///
    /// - Throws: validation for an action the workflow does not have, conflict when it does not leave
    ///   `state`, forbidden when the actor's role may not take it.
    public func allowedAction(_ actionID: ActionID, from state: StateID, in definition: WorkflowDefinition, by actor: Principal) throws
        -> WorkflowAction
    {
        guard let action = definition.action(actionID) else {
            let known = definition.actions.map(\.id.rawValue).joined(separator: ", ")
            throw KlageError.validation(field: "action", reason: "unknown action '\(actionID)'; the workflow has: \(known)")
        }
        guard action.from.contains(state) else {
            throw KlageError.conflict("action '\(actionID)' is not allowed in state '\(state)'")
        }
        guard actor.holds(anyOf: action.roles) else {
            throw KlageError.forbidden("role '\(actor.role.rawValue)' may not take action '\(actionID)'")
        }
        return action
    }

    /// Meets the deadlines that a newly recorded contact completes.
    ///
    /// A citizen who cannot be reached is not held against the clock forever: once `writtenRouteAfter`
    /// call attempts have failed (`reached: false`), the written route opens (recorded on the complaint,
    /// ``WrittenRoute``), and a letter or e-mail meets the first-contact clock as a conversation would; so it
    /// does once the citizen asked for written contact.
    ///
    /// - Parameters:
    ///   - contact: the contact just recorded.
    ///   - complaint: its complaint, whose clocks are met here.
    ///   - definition: the workflow the complaint runs under.
    ///   - earlier: the contacts recorded on the complaint before this one.
    ///   - attempts: the tenant's number of failed call attempts that opens the written route.
    /// - Returns: the deadlines met, or the written route opening.
    public func contactRecorded(
        _ contact: Contact, on complaint: inout Complaint, in definition: WorkflowDefinition,
        earlier: [Contact] = [], writtenRouteAfter attempts: Int = TenantSettings.failedCallAttemptsBeforeWrittenRoute.defaultValue
    ) -> [WorkflowEffect] {
        let failedCalls = earlier.filter(\.isFailedCallAttempt).count
        if contact.isFailedCallAttempt {
            let waitsForFirstContact = complaint.deadlines.contains { deadline in
                deadline.isOpen && definition.deadlines.contains { $0.name == deadline.name && $0.completion == .oralContact }
            }
            guard failedCalls + 1 == attempts, waitsForFirstContact else { return [] }
            if !WrittenRoute.isOpen(on: complaint) {
                complaint.fields[WrittenRoute.fieldName] = WrittenRoute.record(.unreachable, at: contact.occurredAt)
            }
            return [.writtenRouteOpened(attempts: attempts)]
        }
        guard contact.reached else { return [] }
        let writtenRouteOpen = failedCalls >= attempts || WrittenRoute.isOpen(on: complaint)
        return meet(on: &complaint, in: definition, at: contact.occurredAt, notBefore: true) { completion in
            switch completion {
            case .oralContact: contact.kind.isOral || (writtenRouteOpen && contact.kind.isWritten)
            case .anyContact: true
            case .writtenContact: contact.kind.isWritten
            case .entering, .closing: false
            }
        }
    }

    /// Records the warn and fail points that `now` has passed, once each.
    public func checkClocks(_ complaint: inout Complaint, at now: Date) -> [WorkflowEffect] {
        var effects: [WorkflowEffect] = []
        for index in complaint.deadlines.indices where complaint.deadlines[index].isRunning {
            if complaint.deadlines[index].warnedAt == nil, let warnAt = complaint.deadlines[index].warnAt, warnAt <= now {
                complaint.deadlines[index].warnedAt = now
                effects.append(.deadlineWarned(name: complaint.deadlines[index].name))
            }
            if complaint.deadlines[index].missedAt == nil, complaint.deadlines[index].missCheckAt <= now {
                complaint.deadlines[index].missedAt = now
                if complaint.escalatedAt == nil { complaint.escalatedAt = now }
                effects.append(.deadlineMissed(name: complaint.deadlines[index].name))
            }
        }
        return effects
    }

    /// Pauses every running clock (e.g. while waiting for the citizen). - Throws: conflict when paused or closed.
    public func pause(_ complaint: inout Complaint, at now: Date) throws -> [WorkflowEffect] {
        guard complaint.closedAt == nil else { throw KlageError.conflict("a closed complaint has no clocks to pause") }
        guard !complaint.isPaused else { throw KlageError.conflict("the clocks are paused already") }
        // The statutory appeal clock runs on whatever the dialogue waits for.
        for index in complaint.deadlines.indices
        where complaint.deadlines[index].isRunning
            && complaint.deadlines[index].name != StatutoryDeadlines.appealForwarding.name
        {
            complaint.deadlines[index].pausedAt = now
        }
        return [.clocksPaused]
    }

    /// Resumes paused clocks with the time they had left (working time on the tenant's calendar for
    /// working-time clocks). - Throws: conflict when nothing is paused.
    public func resume(_ complaint: inout Complaint, at now: Date, settings: [String: JSONValue] = [:]) throws -> [WorkflowEffect] {
        guard complaint.isPaused else { throw KlageError.conflict("the clocks are not paused") }
        let calendar = self.calendar(for: settings)
        for index in complaint.deadlines.indices {
            guard complaint.deadlines[index].isOpen, let pausedAt = complaint.deadlines[index].pausedAt else { continue }
            let working = complaint.deadlines[index].working ?? false
            func shifted(_ date: Date) -> Date {
                guard date > pausedAt else { return date }
                if working {
                    return calendar.adding(workingHours: calendar.workingSeconds(from: pausedAt, to: date) / 3600, to: now)
                }
                return now.addingTimeInterval(date.timeIntervalSince(pausedAt))
            }
            complaint.deadlines[index].dueAt = shifted(complaint.deadlines[index].dueAt)
            complaint.deadlines[index].warnAt = complaint.deadlines[index].warnAt.map(shifted)
            complaint.deadlines[index].pausedAt = nil
        }
        return [.clocksResumed]
    }

    /// Reopens a complaint closed by agreement, within the tenant's window.
    /// - Throws: conflict when it is not closed as withdrawn or resolved, or the window has passed.
    public func reopen(
        _ complaint: inout Complaint, in definition: WorkflowDefinition, at now: Date, windowDays: Int, settings: [String: JSONValue] = [:]
    ) throws -> [WorkflowEffect] {
        guard let closedAt = complaint.closedAt, complaint.outcome?.needsCitizenConsent == true else {
            throw KlageError.conflict("only a complaint closed as withdrawn or resolved can be reopened")
        }
        guard now.timeIntervalSince(closedAt) <= Double(windowDays) * 86_400 else {
            throw KlageError.conflict("the \(windowDays)-day window to reopen has passed")
        }
        complaint.closedAt = nil
        complaint.outcome = nil
        complaint.state = definition.reopenState
        for index in complaint.deadlines.indices where complaint.deadlines[index].isOpen {
            complaint.deadlines[index].stoppedAt = now
        }
        var effects: [WorkflowEffect] = [.reopened(definition.reopenState)]
        // An appeal's statutory clock runs again, to its original due time: reopening does not buy time.
        if let index = complaint.deadlines.firstIndex(where: { $0.name == StatutoryDeadlines.appealForwarding.name }) {
            complaint.deadlines[index].metAt = nil
            complaint.deadlines[index].stoppedAt = nil
            complaint.deadlines[index].missedAt = nil
            complaint.deadlines[index].warnedAt = nil
            effects.append(.deadlineStarted(name: complaint.deadlines[index].name, dueAt: complaint.deadlines[index].dueAt))
        }
        for rule in definition.deadlines where rule.start == .onEntering(definition.reopenState) {
            effects.append(startClock(rule, at: now, on: &complaint, settings: settings))
        }
        return effects
    }

    private func checkOutcome(_ outcome: Outcome?, for action: WorkflowAction, complaint: Complaint, fields: [String: JSONValue]) throws {
        if action.outcomes.isEmpty {
            if outcome != nil {
                throw KlageError.validation(field: "outcome", reason: "action '\(action.id)' takes no outcome")
            }
            return
        }
        let allowed = action.outcomes.map(\.rawValue).joined(separator: ", ")
        guard let outcome else {
            throw KlageError.validation(field: "outcome", reason: "required; one of: \(allowed)")
        }
        guard action.outcomes.contains(outcome) else {
            throw KlageError.validation(field: "outcome", reason: "'\(outcome.rawValue)' is not allowed here; one of: \(allowed)")
        }
        if outcome.needsCitizenConsent, fields["citizenConsent"] != .bool(true) {
            throw KlageError.validation(
                field: "fields.citizenConsent",
                reason: "closing as '\(outcome.rawValue)' needs the citizen's recorded consent (true)"
            )
        }
        if complaint.track == .appeal { try checkAppeal(outcome, complaint: complaint, fields: fields) }
    }

    /// An appeal of a decision closes without forwarding only when the decision changed fully in the
    /// citizen's favour (`upheld`) or the citizen withdrew it; a decision kept in whole or in part is
    /// forwarded to the appeals board, and where it went is recorded (DOMAIN.md "Two legal tracks").
    private func checkAppeal(_ outcome: Outcome, complaint: Complaint, fields: [String: JSONValue]) throws {
        switch outcome {
        case .upheld, .withdrawn:
            return
        case .forwarded:
            let to = fields[KernelActionFields.forwardedTo.name] ?? complaint.fields[KernelActionFields.forwardedTo.name]
            guard to?.stringValue != nil else {
                throw KlageError.validation(field: "fields.forwardedTo", reason: "a forwarded appeal records where it went, e.g. Ankestyrelsen")
            }
        case .partlyUpheld, .rejected, .resolved:
            throw KlageError.validation(
                field: "outcome",
                reason: "an appeal whose decision the municipality keeps, in whole or in part, must be forwarded to the appeals board "
                    + "(outcome 'forwarded' with fields.forwardedTo); only 'upheld' (the decision changed fully in the citizen's favour) "
                    + "or 'withdrawn' with the citizen's consent closes it without forwarding"
            )
        }
    }

    private func enter(
        _ state: StateID, on complaint: inout Complaint, in definition: WorkflowDefinition, at now: Date,
        settings: [String: JSONValue], contacts: [Contact]
    ) -> [WorkflowEffect] {
        complaint.state = state
        var effects: [WorkflowEffect] = [.entered(state)]
        let isFinal = definition.state(state)?.isFinal == true
        effects += meet(on: &complaint, in: definition, at: now) { completion in
            switch completion {
            case .entering(let states): states.contains(state)
            case .closing: isFinal
            default: false
            }
        }
        for rule in definition.deadlines where rule.start == .onEntering(state) {
            effects.append(startClock(rule, at: now, on: &complaint, settings: settings))
        }
        if isFinal {
            complaint.closedAt = now
            for index in complaint.deadlines.indices where complaint.deadlines[index].isOpen {
                complaint.deadlines[index].stoppedAt = now
                effects.append(.deadlineStopped(name: complaint.deadlines[index].name))
            }
            // Only a tenant that sends a written confirmation after closing by agreement owes one.
            if complaint.outcome?.needsCitizenConsent == true, AgreementConfirmation.isOwed(in: settings) {
                if KernelActionFields.wantsWrittenAnswer(complaint) == false {
                    effects.append(.confirmationWaived)
                } else if let answer = AgreementConfirmation.writtenAnswerGiven(in: contacts) {
                    effects.append(.confirmationGiven(by: answer.id))
                } else {
                    effects.append(.confirmationOwed)
                    effects.append(startClock(AgreementConfirmation.rule, at: now, on: &complaint, settings: settings))
                }
            }
        }
        return effects
    }

    /// Meets the open deadlines whose rule `matches`; with `notBefore`, only clocks that had started by `time`
    /// (a backdated contact cannot meet a clock that started after it), read to the whole second (``ClientTime``).
    ///
    /// A clock the scheduler has recorded as missed is met *late*, even by a backdated contact that lies
    /// before its due time: a recorded miss, and its escalation, stay on the record.
    private func meet(
        on complaint: inout Complaint, in definition: WorkflowDefinition, at time: Date, notBefore: Bool = false,
        when matches: (DeadlineRule.Completion) -> Bool
    ) -> [WorkflowEffect] {
        var effects: [WorkflowEffect] = []
        for index in complaint.deadlines.indices where complaint.deadlines[index].isOpen {
            if notBefore, let started = complaint.deadlines[index].startedAt, ClientTime.isBefore(time, started) { continue }
            let name = complaint.deadlines[index].name
            let rule = definition.deadlineRule(named: name)
            guard let rule, matches(rule.completion) else { continue }
            complaint.deadlines[index].metAt = time
            complaint.deadlines[index].pausedAt = nil
            let late = complaint.deadlines[index].missedAt != nil || ClientTime.isAfter(time, complaint.deadlines[index].dueAt)
            effects.append(.deadlineMet(name: name, late: late))
        }
        return effects
    }

    func startClock(_ rule: DeadlineRule, at start: Date, on complaint: inout Complaint, settings: [String: JSONValue]) -> WorkflowEffect {
        let duration = rule.duration(settings: settings)
        let calendar = self.calendar(for: settings)
        var deadline = Deadline(
            name: rule.name, dueAt: duration.end(from: start, calendar: calendar),
            warnAt: duration.end(from: start, fraction: rule.warnAt, calendar: calendar), working: duration.isWorking
        )
        deadline.startedAt = start
        complaint.deadlines.removeAll { $0.name == rule.name }
        complaint.deadlines.append(deadline)
        return .deadlineStarted(name: rule.name, dueAt: deadline.dueAt)
    }
}
