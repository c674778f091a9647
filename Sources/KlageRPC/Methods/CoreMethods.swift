import KlageKernel

extension RPCServices {
    /// Every core method and plug-in operation.
    var methods: [RPCMethod] {
        systemMethods + tenantMethods + keyMethods + complaintMethods + contactMethods + learningMethods + clockAndSurveyMethods
            + trackAndRouteMethods
            + reportMethods + [attentionMethod, assignMethod, staffListMethod] + effortMethods + [pulseMethod] + baselineMethods + privacyMethods
            + [auditMethod] + pluginMethods
    }

    /// The registry of every core method and plug-in operation, plus `rpc.discover` over the same declarations.
    ///
    /// More methods (the integrations') are added by `extra` before the registry is frozen.
    public func makeRegistry(extra: (inout RPCMethodRegistry.Builder) -> Void = { _ in }) -> RPCMethodRegistry {
        var builder = RPCMethodRegistry.Builder()
        builder.register(methods)
        extra(&builder)
        let version = self.version
        let box = RegistryBox()
        builder.register(
            RPCMethod("rpc.discover", summary: "The OpenRPC document of every method the caller's tenant can use.", access: .open) { _, context in
                DiscoveredDocument(
                    document: OpenRPCDocument.build(
                        methods: box.registry?.entries(for: context.actor, tenant: context.tenant) ?? [], version: contractVersion))
            })
        let registry = builder.build()
        box.registry = registry
        return registry
    }
}

/// Lets `rpc.discover` read the registry it is part of; written once before any request.
///
/// `@unchecked Sendable`: `registry` is set once, before the registry is handed to the dispatcher,
/// and only read afterwards.
private final class RegistryBox: @unchecked Sendable {
    var registry: RPCMethodRegistry?
}
