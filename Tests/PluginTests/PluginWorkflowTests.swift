import FoundationEssentials
import GladsaxeActionGroups
import KlageKernel
import RoskildeABC
import StyrketBorgerkontakt
import Testing

/// Every shipped plug-in builds into a valid registry, and its workflows keep the kernel's rules.
@Suite struct PluginWorkflowTests {
    static let plugins: [any KlagePlugin] = [StyrketBorgerkontakt(), RoskildeABC(), GladsaxeActionGroups()]

    @Test func everyPluginBuildsIntoOneRegistry() throws {
        var builder = PluginRegistryBuilder()
        for plugin in Self.plugins { builder.register(plugin) }
        let registry = try builder.build()
        #expect(registry.pluginIDs.map(\.rawValue) == ["borgerkontakt", "gladsaxe", "roskilde"])
        #expect(registry.workflow("borgerkontakt.dialogue")?.deadlines.first?.duration == .workingHours(8), "one working day")
        let copenhagen = Tenant(id: "kobenhavn", name: "K", plugins: ["borgerkontakt"], createdAt: .now)
        #expect(registry.workflows(for: copenhagen).map(\.id) == ["borgerkontakt.dialogue"])
        #expect(throws: KlageError.self) { try registry.checkPlugins(["nosuch"]) }
    }

    /// Closing by agreement needs the citizen reached: by a conversation, or on the written route by a letter;
    /// withdrawal with consent is open at every stage, the formal procedure included.
    @Test func theCopenhagenDialogueClosesByAgreementOnlyOnceTheCitizenWasReached() throws {
        let definition = StyrketBorgerkontakt.dialogue
        let close = try #require(definition.action("close"))
        #expect(close.outcomes == [.withdrawn, .resolved])
        #expect(close.guards.map(\.name) == ["citizenReached"])
        let decide = try #require(definition.action("decide"))
        #expect(Set(decide.outcomes) == [.upheld, .partlyUpheld, .rejected, .forwarded])
        let withdraw = try #require(definition.action(WorkflowAction.withdrawalID))
        #expect(withdraw.from == ["received", "contacted", "formal"])
        #expect(withdraw.outcomes == [.withdrawn])
    }
}
