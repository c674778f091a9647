import Foundation
import KlagePluginAPI

/// How the action group's improvement actions move the kernel's learning item through its workflow,
/// so the kernel's figures (learning turned into actions, and done) count the loop's work.
///
/// ```
///   first action created ──accept──▶ accepted ──implement──▶ implemented ◀── last open action done
/// ```
/// The moves go through the kernel's learning workflow (`context.learning.advance`), journaled as
/// `learning.acted` with `plugin: gladsaxe`. Creating an action is for leaders, who may accept; a
/// caseworker may complete the last action, and the item is then implemented with the kernel's system
/// authority on the action group's behalf (its decision to act covers it), the caseworker named as
/// `requestedBy`. An item already moved on (accepted by hand, dismissed, implemented) is left as it is.
enum LearningProgress {
    /// The learning item got an action: it is accepted, if it is still proposed.
    static func actionCreated(for item: LearningItemID, _ context: PluginContext) async throws {
        try await context.learning.advance(item, by: "accept", note: "The action group created an improvement action")
    }

    /// One of the learning item's actions is done: when all of them are, the item is implemented. An
    /// item still proposed (its actions predate this, or accepting it failed) is accepted first.
    static func actionCompleted(for item: LearningItemID, _ context: PluginContext) async throws {
        let actions = try await context.records.list(Action.self, ref: item.rawValue, limit: 10_000)
        guard !actions.isEmpty, actions.allSatisfy({ $0.state == .done }) else { return }
        try await context.learning.advance(item, by: "accept", note: "The action group created an improvement action")
        try await context.learning.advance(item, by: "implement", note: "All the action group's improvement actions are done")
    }
}
