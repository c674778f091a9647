import KlageKernel

extension RPCServices {
    /// The registry of every core method, plus `rpc.discover` over the same declarations.
    ///
    /// Plug-in methods are added by `extra` before the registry is frozen.
    public func makeRegistry(extra: (inout RPCMethodRegistry.Builder) -> Void = { _ in }) -> RPCMethodRegistry {
        var builder = RPCMethodRegistry.Builder()
        registerSystemMethods(into: &builder)
        registerTenantMethods(into: &builder)
        registerComplaintMethods(into: &builder)
        registerContactMethods(into: &builder)
        registerLearningMethods(into: &builder)
        registerClockAndSurveyMethods(into: &builder)
        registerTrackAndRouteMethods(into: &builder)
        registerReportMethods(into: &builder)
        registerAttentionMethods(into: &builder)
        registerAssignMethods(into: &builder)
        registerEffortMethods(into: &builder)
        registerPulseMethods(into: &builder)
        registerBaselineMethods(into: &builder)
        registerPrivacyMethods(into: &builder)
        registerAuditMethods(into: &builder)
        registerPluginOperations(into: &builder)
        extra(&builder)
        let version = self.version
        let box = RegistryBox()
        builder.register(RPCDiscover.self) { _, context in
            OpenRPCDocument.build(entries: box.registry?.entries(for: context.actor, tenant: context.tenant) ?? [], version: version)
        }
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
