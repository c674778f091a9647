import Foundation

/// Runs workflows: starts complaints in their initial state, takes actions, and keeps deadlines.
///
/// Pure: it changes values and reports ``WorkflowEffect``s; the caller stores them and records events.
///
/// ```swift
/// var complaint = draft
/// let started = engine.start(&complaint, in: definition)
/// let (next, effects) = try engine.perform("close", on: complaint, in: definition, input: input)
/// ```
public struct WorkflowEngine: Sendable {
    public init() {}

    /// Puts a new complaint in the workflow's initial state and starts the clocks that run from receipt.
    public func start(_ complaint: inout Complaint, in definition: WorkflowDefinition) -> [WorkflowEffect] {
        complaint.state = definition.initialState
        var effects: [WorkflowEffect] = [.entered(definition.initialState)]
        for rule in definition.deadlines {
            switch rule.start {
            case .onReceipt:
                effects.append(startClock(rule, at: complaint.receivedAt, on: &complaint))
            case .onEntering(let state) where state == definition.initialState:
                effects.append(startClock(rule, at: complaint.receivedAt, on: &complaint))
            case .onEntering:
                break
            }
        }
        return effects
    }

    /// Takes one action on a complaint, checking state, role, outcome, consent and guards in that order.
    ///
    /// - Returns: the changed complaint (version not yet bumped) and what happened.
    /// - Throws: ``KlageError`` — validation for an unknown action or a wrong outcome, conflict when the
    ///   action is not allowed in this state or a guard fails, forbidden when the role may not take it.
    public func perform(
        _ actionID: ActionID, on complaint: Complaint, in definition: WorkflowDefinition, input: GuardInput
    ) throws -> (Complaint, [WorkflowEffect]) {
        guard let action = definition.action(actionID) else {
            let known = definition.actions.map(\.id.rawValue).joined(separator: ", ")
            throw KlageError.validation(field: "action", reason: "unknown action '\(actionID)'; this workflow has: \(known)")
        }
        guard action.from.contains(complaint.state) else {
            throw KlageError.conflict("action '\(actionID)' is not allowed in state '\(complaint.state)'")
        }
        guard input.actor.holds(anyOf: action.roles) else {
            throw KlageError.forbidden("role '\(input.actor.role.rawValue)' may not take action '\(actionID)'")
        }
        try checkOutcome(input.outcome, for: action, fields: input.fields)
        if let failed = action.guards.first(where: { !$0.holds(for: input) }) {
            throw KlageError.conflict("action '\(actionID)' needs \(failed.name): \(failed.requirement)")
        }

        var next = complaint
        var effects: [WorkflowEffect] = [.actionTaken(actionID, outcome: input.outcome)]
        if let outcome = input.outcome { next.outcome = outcome }
        next.fields.merge(input.fields) { _, new in new }
        effects += enter(action.to, on: &next, in: definition, at: input.now)
        return (next, effects)
    }

    /// Meets the deadlines that a newly recorded contact completes.
    public func contactRecorded(_ contact: Contact, on complaint: inout Complaint, in definition: WorkflowDefinition) -> [WorkflowEffect] {
        meet(on: &complaint, in: definition, at: contact.occurredAt) { completion in
            switch completion {
            case .oralContact: contact.kind.isOral
            case .anyContact: true
            case .entering: false
            }
        }
    }

    private func checkOutcome(_ outcome: Outcome?, for action: WorkflowAction, fields: [String: JSONValue]) throws {
        if action.outcomes.isEmpty {
            if outcome != nil {
                throw KlageError.validation(field: "outcome", reason: "action '\(action.id)' takes no outcome")
            }
            return
        }
        guard let outcome else {
            let allowed = action.outcomes.map(\.rawValue).joined(separator: ", ")
            throw KlageError.validation(field: "outcome", reason: "required; one of: \(allowed)")
        }
        guard action.outcomes.contains(outcome) else {
            let allowed = action.outcomes.map(\.rawValue).joined(separator: ", ")
            throw KlageError.validation(field: "outcome", reason: "'\(outcome.rawValue)' is not allowed here; one of: \(allowed)")
        }
        if outcome.needsCitizenConsent, fields["citizenConsent"] != .bool(true) {
            throw KlageError.validation(
                field: "fields.citizenConsent",
                reason: "closing as '\(outcome.rawValue)' needs the citizen's recorded consent (true)"
            )
        }
    }

    private func enter(_ state: StateID, on complaint: inout Complaint, in definition: WorkflowDefinition, at now: Date) -> [WorkflowEffect] {
        complaint.state = state
        var effects: [WorkflowEffect] = [.entered(state)]
        effects += meet(on: &complaint, in: definition, at: now) { completion in
            if case .entering(let states) = completion { return states.contains(state) }
            return false
        }
        for rule in definition.deadlines where rule.start == .onEntering(state) {
            effects.append(startClock(rule, at: now, on: &complaint))
        }
        if definition.state(state)?.isFinal == true {
            complaint.closedAt = now
            for index in complaint.deadlines.indices where complaint.deadlines[index].isOpen {
                complaint.deadlines[index].stoppedAt = now
                effects.append(.deadlineStopped(name: complaint.deadlines[index].name))
            }
        }
        return effects
    }

    private func meet(
        on complaint: inout Complaint, in definition: WorkflowDefinition, at time: Date,
        when matches: (DeadlineRule.Completion) -> Bool
    ) -> [WorkflowEffect] {
        var effects: [WorkflowEffect] = []
        for index in complaint.deadlines.indices where complaint.deadlines[index].isOpen {
            let name = complaint.deadlines[index].name
            guard let rule = definition.deadlines.first(where: { $0.name == name }), matches(rule.completion) else { continue }
            complaint.deadlines[index].metAt = time
            effects.append(.deadlineMet(name: name, late: time > complaint.deadlines[index].dueAt))
        }
        return effects
    }

    private func startClock(_ rule: DeadlineRule, at start: Date, on complaint: inout Complaint) -> WorkflowEffect {
        let deadline = Deadline(name: rule.name, dueAt: rule.duration.due(from: start))
        complaint.deadlines.removeAll { $0.name == rule.name }
        complaint.deadlines.append(deadline)
        return .deadlineStarted(name: rule.name, dueAt: deadline.dueAt)
    }
}
