import ExampleAcknowledgement
import GladsaxeActionGroups
import KlageKernel
import KlageServer
import KlageTestSupport
import RoskildeABC
import StyrketBorgerkontakt
import Testing

/// The shipped verifier passes every plug-in of the host and finds the mistakes it is for.
@Suite struct PluginVerifierTests {
    @Test(arguments: KlagePlugins.all.map(\.id.rawValue))
    func everyPluginOfTheHostIsSound(_ id: String) throws {
        try PluginVerifier.verify(try #require(KlagePlugins.all.first { $0.id.rawValue == id }))
    }

    /// A plug-in whose one workflow is given by the test.
    struct Broken: KlagePlugin {
        let id: PluginID = "broken"
        let title = "Broken"
        let definition: WorkflowDefinition
        func register(into registrar: inout PluginRegistrar) { registrar.workflow(definition) }
    }

    static func workflow(deadline: DeadlineRule) -> WorkflowDefinition {
        WorkflowDefinition(
            id: "broken.flow", title: .same("Broken"), tracks: [.dissatisfaction], initialState: "received",
            states: [WorkflowState("received", title: .same("Received")), WorkflowState("closed", title: .same("Closed"), isFinal: true)],
            actions: [WorkflowAction("close", title: .same("Close"), from: ["received"], to: "closed")],
            deadlines: [deadline]
        )
    }

    @Test func aDeadlineNoActionCanMeetIsFound() {
        let never = DeadlineRule("answer", title: .same("Answer"), starts: .onReceipt, duration: .days(5), metBy: .entering(["received"]))
        #expect(
            throws: PluginVerifier.Problem(
                description: "workflow 'broken.flow': deadline 'answer' waits for entering [\"received\"], which no action does")
        ) {
            try PluginVerifier.verify(Broken(definition: Self.workflow(deadline: never)))
        }
    }

    @Test func aSettingOutsideThePluginsNamespaceIsFound() {
        let foreign = DeadlineRule(
            "answer", title: .same("Answer"), starts: .onReceipt, duration: .days(5), setting: "answerDeadline", metBy: .closing)
        #expect(throws: PluginVerifier.Problem.self) { try PluginVerifier.verify(Broken(definition: Self.workflow(deadline: foreign))) }
    }

    @Test func whatTheRegistryRefusesIsReported() {
        let unknown = DeadlineRule("answer", title: .same("Answer"), starts: .onEntering("nowhere"), duration: .days(5), metBy: .closing)
        #expect(throws: PluginVerifier.Problem.self) { try PluginVerifier.verify(Broken(definition: Self.workflow(deadline: unknown))) }
    }
}
