import Foundation
public import KlageKernel

/// Checks a plug-in the way the host will at start-up, and further: a plug-in's own test runs it.
///
/// ```swift
/// @Test func myMethodIsSound() throws {
///     try PluginVerifier.verify(MyMethod())
/// }
/// ```
///
/// It builds a registry of the plug-in alone (duplicate ids, namespaces, unknown or unreachable
/// states, dead ends), then, for every workflow it registers:
/// - every deadline can be met: a state it waits for is entered by some action, a clock met by
///   closing has a final state to close into;
/// - every deadline's tenant setting lies in the plug-in's namespace, and its default duration
///   reads back as a setting would (`"8wh"`);
/// - every action starts from a state the workflow can reach;
/// - a complaint can start in it, on both tracks the workflow takes, with its clocks running.
public enum PluginVerifier {
    /// What is wrong with a plug-in, in words for its author.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Verifies `plugin`. - Throws: ``Problem`` naming the first mistake found.
    public static func verify(_ plugin: any KlagePlugin) throws {
        var builder = PluginRegistryBuilder()
        builder.register(plugin)
        let registry: PluginRegistry
        do {
            registry = try builder.build()
        } catch {
            throw Problem(description: "the registry refuses it: \(error)")
        }
        let tenant = Tenant(id: "verifier", name: "Verifier", plugins: [plugin.id.rawValue], createdAt: Date(timeIntervalSince1970: 0))
        for definition in registry.workflows(for: tenant) {
            try verify(definition, of: plugin.id)
        }
    }

    static func verify(_ definition: WorkflowDefinition, of plugin: PluginID) throws {
        func fail(_ problem: String) -> Problem { Problem(description: "workflow '\(definition.id)': \(problem)") }
        let reachable = reachableStates(of: definition)
        for action in definition.actions where !action.from.contains(where: reachable.contains) {
            throw fail("action '\(action.id)' starts from no state the workflow can reach")
        }
        let entered = Set(definition.actions.filter { $0.from.contains(where: reachable.contains) }.map(\.to))
        for rule in definition.deadlines {
            switch rule.completion {
            case .entering(let states) where !states.contains(where: entered.contains):
                throw fail("deadline '\(rule.name)' waits for entering \(states.map(\.rawValue)), which no action does")
            case .closing where !definition.states.contains(where: { $0.isFinal && entered.contains($0.id) }):
                throw fail("deadline '\(rule.name)' is met by closing, but no action closes the complaint")
            default:
                break
            }
            if let setting = rule.setting, !setting.hasPrefix("\(plugin.rawValue).") {
                throw fail("deadline '\(rule.name)' reads setting '\(setting)', outside the plug-in's namespace '\(plugin).'")
            }
            guard DeadlineDuration(rule.duration.description) == rule.duration else {
                throw fail("deadline '\(rule.name)' has a default duration a tenant setting could not state")
            }
        }
        for track in definition.tracks {
            let received = Date(timeIntervalSince1970: 1_800_000_000)
            var complaint = Complaint(
                id: "verifier", tenant: "verifier", workflowVersion: definition.version, state: definition.initialState,
                intake: NewComplaint(
                    workflow: definition.id, track: track, channel: .phone, subject: "s", description: "d", citizen: Citizen(name: "n")),
                receivedAt: received, createdAt: received, updatedAt: received)
            _ = WorkflowEngine().start(&complaint, in: definition, settings: [:])
            guard complaint.state == definition.initialState, complaint.deadlines.allSatisfy({ $0.isRunning && $0.dueAt > complaint.receivedAt })
            else { throw fail("a \(track.rawValue) complaint does not start with running clocks") }
        }
    }

    static func reachableStates(of definition: WorkflowDefinition) -> Set<StateID> {
        var reached: Set<StateID> = [definition.initialState]
        var frontier = [definition.initialState]
        while let state = frontier.popLast() {
            for action in definition.actions(from: state) where reached.insert(action.to).inserted {
                frontier.append(action.to)
            }
        }
        return reached
    }
}
