public import KlageKernel

/// The plug-ins compiled into this host. The list is generated at build time from the `plugins` list
/// in `Package.swift` (see `Plugins/README.md`), so nothing is added here.
public enum KlagePlugins {
    /// Every plug-in, in registration order: the order of `plugins` in `Package.swift`.
    public static let all: [any KlagePlugin] = GeneratedPluginList.all

    /// The validated registry of every plug-in.
    public static func registry(_ plugins: [any KlagePlugin] = all) throws -> PluginRegistry {
        var builder = PluginRegistryBuilder()
        for plugin in plugins { builder.register(plugin) }
        return try builder.build()
    }
}
