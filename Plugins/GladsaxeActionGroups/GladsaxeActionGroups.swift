public import KlageKernel

/// Gladsaxe's action groups (Aktion Styrket Borgerkontakt): the organisation-wide roll-out of the
/// method, steered by an action group and carried by champions (ildsjæle) in every department.
///
/// ```
///   learning item ──routed──▶ department's champion ──reviewed at──▶ action-group meeting
///         (learning.create)      (gladsaxe.route.list)     (gladsaxe.meeting.review)
///                                                                 │
///                          done ◀──gladsaxe.action.complete── action (owner, due date)
/// ```
/// A learning item must name a department the tenant has added (or none), so nothing goes unrouted;
/// overdue actions appear on `attention.list` as `gladsaxe.actionOverdue`.
/// Gladsaxe handles the complaints themselves with the `borgerkontakt` workflow.
public struct GladsaxeActionGroups: KlagePlugin {
    public let id: PluginID = "gladsaxe"
    public let title = "Action groups and champions (Gladsaxe)"

    public init() {}

    public func register(into registrar: inout PluginRegistrar) {
        registrar.validateLearningItem(Organisation.validateLearningItem)
        registrar.on(LearningItemCreated.self, LearningLoop.route)
        registrar.attention(LearningLoop.overdueActions)
        for operation in Organisation.operations + LearningLoop.operations {
            registrar.operation(operation)
        }
    }
}
