public import KlagePluginAPI

/// Gladsaxe's action groups (Aktion Styrket Borgerkontakt): the organisation-wide roll-out of the
/// method, steered by an action group and carried by champions (ildsjæle) in every department.
///
/// ```
///   learning item ──routed──▶ department's champion ──reviewed at──▶ action-group meeting
///         (learning.create)   (no department: the action group)  (gladsaxe.meeting.review)
///                               (gladsaxe.route.list)                     │
///                          done ◀──gladsaxe.action.complete── action (owner, due date)
///
///   learning item (kernel): proposed ──first action──▶ accepted ──all actions done──▶ implemented
/// ```
/// A learning item must name a department the tenant has added, or none: then it is routed to the
/// action group itself, so nothing goes unrouted. The actions move the kernel's learning item
/// (`LearningProgress`), so the kernel's figures count what the action group turned into change.
/// Overdue actions appear on `attention.list` as `gladsaxe.actionOverdue`.
/// Gladsaxe handles the complaints themselves with the `borgerkontakt` workflow.
public struct GladsaxeActionGroups: KlagePlugin {
    public let id: PluginID = "gladsaxe"
    public let title = "Action groups and champions (Gladsaxe)"

    public init() {}

    public func register(into registrar: inout PluginRegistrar) {
        registrar.validateLearningItem(Organisation.validateLearningItem)
        registrar.on(LearningItemCreated.self, LearningLoop.route)
        registrar.attention(LearningLoop.overdueActions)
        registrar.attentionKind(LearningLoop.actionOverdue, title: LocalizedText(da: "Handling overskredet", en: "Action overdue"))
        registrar.board(LearningLoop.board)
        for operation in Organisation.operations + LearningLoop.operations {
            registrar.operation(operation)
        }
    }
}
