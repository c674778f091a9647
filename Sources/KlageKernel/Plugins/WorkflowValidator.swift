/// Checks a workflow definition: known states only, every state reachable, no dead ends.
public enum WorkflowValidator {
    /// Checks a workflow for records that are not complaints (learning items): as ``validate(_:)``, and
    /// every guard reads the caller's input only, since there is no complaint to read.
    public static func validateForRecords(_ definition: WorkflowDefinition) throws {
        try validate(definition)
        for action in definition.actions {
            if let guarded = action.guards.first(where: { $0.field == nil }) {
                throw WorkflowDefinitionError(
                    workflow: definition.id, problem: "action '\(action.id)' has guard '\(guarded.name)', which needs a complaint")
            }
        }
    }

    /// Why a complaint workflow cannot handle the appeals it accepts, if it cannot: an appeal whose
    /// decision the municipality keeps must be forwarded (DomainAndLaw "Two legal tracks"), so some
    /// action must close one as `forwarded`.
    static func appealProblem(_ definition: WorkflowDefinition) -> String? {
        let finals = Set(definition.states.filter(\.isFinal).map(\.id))
        guard definition.tracks.contains(.appeal), !definition.actions.contains(where: { finals.contains($0.to) && $0.outcomes.contains(.forwarded) })
        else { return nil }
        return "workflow '\(definition.id)' accepts appeals, but no action closes one as 'forwarded': add .forwarded to a closing action's "
            + "outcomes (the caseworker gives fields.forwardedTo), or accept complaints of dissatisfaction only with tracks: [.dissatisfaction]"
    }

    /// Throws the first problem found in `definition`.
    public static func validate(_ definition: WorkflowDefinition) throws {
        func fail(_ problem: String) -> WorkflowDefinitionError {
            WorkflowDefinitionError(workflow: definition.id, problem: problem)
        }
        let stateIDs = definition.states.map(\.id)
        let known = Set(stateIDs)
        if known.count != stateIDs.count { throw fail("a state id is used twice") }
        if Set(definition.actions.map(\.id)).count != definition.actions.count { throw fail("an action id is used twice") }
        if Set(definition.deadlines.map(\.name)).count != definition.deadlines.count { throw fail("a deadline name is used twice") }
        guard known.contains(definition.initialState) else {
            throw fail("initial state '\(definition.initialState)' is not one of its states")
        }
        for action in definition.actions {
            for state in action.from + [action.to] where !known.contains(state) {
                throw fail("action '\(action.id)' names unknown state '\(state)'")
            }
            if action.from.isEmpty { throw fail("action '\(action.id)' starts from no state") }
            if action.roles.isEmpty { throw fail("action '\(action.id)' allows no role") }
        }
        for rule in definition.deadlines {
            var named: [StateID] = []
            if case .onEntering(let state) = rule.start { named.append(state) }
            if case .entering(let states) = rule.completion { named += states }
            for state in named where !known.contains(state) {
                throw fail("deadline '\(rule.name)' names unknown state '\(state)'")
            }
        }
        var reached: Set<StateID> = [definition.initialState]
        var frontier = [definition.initialState]
        while let state = frontier.popLast() {
            for action in definition.actions(from: state) where !reached.contains(action.to) {
                reached.insert(action.to)
                frontier.append(action.to)
            }
        }
        if let unreachable = stateIDs.first(where: { !reached.contains($0) }) {
            throw fail("state '\(unreachable)' cannot be reached from '\(definition.initialState)'")
        }
        for state in definition.states where !state.isFinal && definition.actions(from: state.id).isEmpty {
            throw fail("state '\(state.id)' is not final and has no way out")
        }
        if !definition.states.contains(where: \.isFinal) { throw fail("it has no final state") }
    }
}
