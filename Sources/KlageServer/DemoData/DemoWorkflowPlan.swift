import KlageKernel

/// The routes through one workflow that demo complaints take: for each outcome, the shortest chain
/// of actions from the initial state to a final state whose last action allows that outcome.
///
/// Found from the workflow's own definition, so any plug-in's workflow gets demo data that its
/// engine accepts: closed complaints end in a final state with an allowed outcome.
struct DemoWorkflowPlan: Sendable {
    let definition: WorkflowDefinition
    /// The actions to take, by the outcome they end with.
    let routes: [Outcome: [WorkflowAction]]

    init(_ definition: WorkflowDefinition) {
        self.definition = definition
        var routes: [Outcome: [WorkflowAction]] = [:]
        for outcome in Outcome.allCases {
            if let route = Self.shortestRoute(in: definition, to: outcome) { routes[outcome] = route }
        }
        self.routes = routes
    }

    /// The outcome to close with: `wanted` if the workflow can end with it, else the first of
    /// `fallbacks` it can, else any it can; `nil` when no route ends in a final state.
    func outcome(_ wanted: Outcome, fallbacks: [Outcome]) -> Outcome? {
        if routes[wanted] != nil { return wanted }
        if let fallback = fallbacks.first(where: { routes[$0] != nil }) { return fallback }
        return Outcome.allCases.first { routes[$0] != nil }
    }

    /// Breadth-first search over states; the last action must enter a final state and allow `outcome`.
    private static func shortestRoute(in definition: WorkflowDefinition, to outcome: Outcome) -> [WorkflowAction]? {
        var queue: [(state: StateID, route: [WorkflowAction])] = [(definition.initialState, [])]
        var seen: Set<StateID> = [definition.initialState]
        var index = 0
        while index < queue.count {
            let (state, route) = queue[index]
            index += 1
            for action in definition.actions(from: state) where action.roles.contains(.caseworker) {
                let entersFinal = definition.state(action.to)?.isFinal == true
                if entersFinal, action.outcomes.contains(outcome) { return route + [action] }
                if !entersFinal, seen.insert(action.to).inserted { queue.append((action.to, route + [action])) }
            }
        }
        return nil
    }
}
