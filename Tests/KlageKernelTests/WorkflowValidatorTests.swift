import Testing

@testable import KlageKernel

/// Broken workflow definitions are refused at start-up, with the problem named.
@Suite struct WorkflowValidatorTests {
    func definition(states: [WorkflowState], actions: [WorkflowAction], initial: StateID = "a") -> WorkflowDefinition {
        WorkflowDefinition(id: "test.flow", title: .same("t"), initialState: initial, states: states, actions: actions)
    }

    @Test func aValidWorkflowPasses() throws {
        try WorkflowValidator.validate(
            definition(
                states: [WorkflowState("a", title: .same("A")), WorkflowState("b", title: .same("B"), isFinal: true)],
                actions: [WorkflowAction("go", title: .same("Go"), from: ["a"], to: "b")]
            ))
        try WorkflowValidator.validate(LearningWorkflow.definition)
    }

    @Test func anUnreachableStateIsRefused() {
        let error = #expect(throws: WorkflowDefinitionError.self) {
            try WorkflowValidator.validate(
                definition(
                    states: [
                        WorkflowState("a", title: .same("A")), WorkflowState("b", title: .same("B"), isFinal: true),
                        WorkflowState("c", title: .same("C"), isFinal: true),
                    ],
                    actions: [WorkflowAction("go", title: .same("Go"), from: ["a"], to: "b")]
                ))
        }
        #expect(error?.problem == "state 'c' cannot be reached from 'a'")
    }

    @Test func aDeadEndIsRefused() {
        let error = #expect(throws: WorkflowDefinitionError.self) {
            try WorkflowValidator.validate(
                definition(
                    states: [
                        WorkflowState("a", title: .same("A")), WorkflowState("b", title: .same("B")),
                        WorkflowState("c", title: .same("C"), isFinal: true),
                    ],
                    actions: [
                        WorkflowAction("go", title: .same("Go"), from: ["a"], to: "b"),
                        WorkflowAction("end", title: .same("End"), from: ["a"], to: "c"),
                    ]
                ))
        }
        #expect(error?.problem == "state 'b' is not final and has no way out")
    }

    @Test func anActionNamingAnUnknownStateIsRefused() {
        let error = #expect(throws: WorkflowDefinitionError.self) {
            try WorkflowValidator.validate(
                definition(
                    states: [WorkflowState("a", title: .same("A")), WorkflowState("b", title: .same("B"), isFinal: true)],
                    actions: [
                        WorkflowAction("go", title: .same("Go"), from: ["a"], to: "nowhere"),
                        WorkflowAction("end", title: .same("End"), from: ["a"], to: "b"),
                    ]
                ))
        }
        #expect(error?.problem == "action 'go' names unknown state 'nowhere'")
    }

    @Test func aWorkflowOutsideItsPluginsNamespaceIsRefused() {
        struct Stray: KlagePlugin {
            let id: PluginID = "stray"
            let title = "Stray"
            func register(into registrar: inout PluginRegistrar) {
                registrar.workflow(
                    WorkflowDefinition(
                        id: "other.flow", title: .same("t"), initialState: "a",
                        states: [WorkflowState("a", title: .same("A")), WorkflowState("b", title: .same("B"), isFinal: true)],
                        actions: [WorkflowAction("go", title: .same("Go"), from: ["a"], to: "b")]))
            }
        }
        var builder = PluginRegistryBuilder()
        builder.register(Stray())
        #expect(throws: WorkflowDefinitionError.self) { try builder.build() }
    }
}
