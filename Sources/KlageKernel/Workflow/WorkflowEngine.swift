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

}
