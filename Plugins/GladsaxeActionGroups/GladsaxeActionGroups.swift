import KlageKernel

/// Gladsaxe's action groups: the organisation-wide roll-out of Styrket Borgerkontakt, in which
/// learning items go to department champions and an action group turns them into actions.
///
/// Gladsaxe handles the complaints themselves with the `borgerkontakt` workflow; this plug-in adds
/// the learning loop (departments, champions, meetings, actions) in its own issue.
public struct GladsaxeActionGroups: KlagePlugin {
    public let id: PluginID = "gladsaxe"
    public let title = "Action groups and champions (Gladsaxe)"

    public init() {}

    public func register(into registrar: inout PluginRegistrar) {}
}
