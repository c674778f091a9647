import ExampleAcknowledgement
import GladsaxeActionGroups
public import KlageKernel
import RoskildeABC
import StyrketBorgerkontakt

/// The plug-ins compiled into this host. Adding a plug-in is one line here (see `Plugins/README.md`).
public enum KlagePlugins {
    /// Every plug-in, in registration order.
    public static let all: [any KlagePlugin] = [
        StyrketBorgerkontakt(),
        RoskildeABC(),
        GladsaxeActionGroups(),
        ExampleAcknowledgement(),
    ]

    /// The validated registry of every plug-in.
    public static func registry(_ plugins: [any KlagePlugin] = all) throws -> PluginRegistry {
        var builder = PluginRegistryBuilder()
        for plugin in plugins { builder.register(plugin) }
        return try builder.build()
    }
}
