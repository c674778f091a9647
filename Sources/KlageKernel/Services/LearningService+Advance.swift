/// Learning items moved forward by a plug-in whose own process got there (Gladsaxe: the action group
/// created the first improvement action, or all of them are done).
///
/// ```
///   plug-in's step ──advance(accept | implement)──▶ LearningWorkflow, as learning.act would
///        │                                             │ learning.acted on the journal:
///        │                                             │   actor = the caller, if their role may take it,
///        │                                             │           else system, with requestedBy = the caller
///        └── item already past it (moved, dismissed) ──▶ nothing changes (nil)
/// ```
extension LearningService {
    /// Takes a forward action (``LearningWorkflow/forwardActions``) on an item because `plugin`'s own
    /// process reached it, if the item is still in a state the action leaves.
    ///
    /// The action goes through ``LearningWorkflow`` and is journaled like `learning.act`'s
    /// (`learning.acted`, audited), with `plugin` in its data. It is taken by `requester` when their
    /// role may take it; otherwise with the kernel's system authority on the plug-in's behalf, and the
    /// event names `system` as its actor and `requester` as `requestedBy`: the decision was made in the
    /// plug-in's process (a leaders' group), and the requester only completed its last step.
    ///
    /// Takes no version: a concurrent change is read again and retried, and an item that moved past
    /// the action meanwhile is left as it is.
    /// - Returns: The moved item, or `nil` when the action does not leave the item's state (already
    ///   taken, or the item was dismissed or implemented): nothing is stored then.
    /// - Throws: validation for an action that is not a forward one; not found, also for another
    ///   tenant's id; conflict when the item keeps changing.
    public func advance(
        _ id: LearningItemID, by actionID: ActionID, note: String?, plugin: PluginID, in tenant: Tenant, requestedBy requester: Principal
    ) async throws -> LearningItem? {
        guard LearningWorkflow.forwardActions.contains(actionID), let action = LearningWorkflow.definition.action(actionID) else {
            let known = LearningWorkflow.forwardActions.map(\.rawValue).sorted().joined(separator: ", ")
            throw KlageError.validation(field: "action", reason: "a plug-in may only move a learning item forward (\(known)), not '\(actionID)'")
        }
        let onBehalf = !requester.holds(anyOf: action.roles)
        let actor = onBehalf ? Principal.system(tenant: tenant.id) : requester
        var data: [String: JSONValue] = ["plugin": .string(plugin.rawValue)]
        if onBehalf { data["requestedBy"] = .string(requester.id) }
        for attempt in 1...5 {
            let item = try await get(id, in: tenant)
            guard action.from.contains(item.state) else { return nil }
            do {
                return try await transition(item, action: actionID, note: note, data: data, in: tenant, by: actor)
            } catch let error as KlageError where error.code == .conflict && attempt < 5 {
                continue  // changed since read: read it again, and leave it if it moved past the action
            }
        }
        throw KlageError.conflict("the learning item changed too often while moving it; try again")
    }
}
