public import KlageKernel

/// `system.health`: whether the host and its storage answer.
public enum SystemHealth: RPCMethod {
    public typealias Params = NoParams
    public struct Result: Encodable, Sendable {
        let status: String
        let storage: String
        let engine: String
        let version: String
    }
    public static let name = "system.health"
    public static let summary = "Whether the host and its storage answer, and Klage's version."
    public static let access = RPCAccess.open
    public static let params: [RPCParam] = []
    public static let result = RPCSchema.object(
        [
            "status": .oneOf(["ok", "degraded"]), "storage": .oneOf(["ok", "unavailable"]),
            "engine": .string, "version": .string,
        ], required: ["status", "storage", "version"])
}

/// `workflow.list`: the workflows the caller's tenant has.
public enum WorkflowList: TenantMethod {
    public typealias Params = NoParams
    public typealias Result = ItemsView<WorkflowView>
    public static let name = "workflow.list"
    public static let summary = "The workflows enabled for the caller's tenant, with states, actions and deadlines."
    public static let roles = Role.anyTenantRole
    public static let params: [RPCParam] = []
    public static let result = ItemsView<WorkflowView>.schema("Workflow")
}

extension RPCServices {
    func registerSystemMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(SystemHealth.self) { _, _ in
            let health = await storageHealth()
            return .init(status: health.ok ? "ok" : "degraded", storage: health.ok ? "ok" : "unavailable", engine: health.engine, version: version)
        }
        builder.register(WorkflowList.self) { _, context in
            return ItemsView(items: env.registry.workflows(for: context.tenant).map(WorkflowView.init))
        }
    }
}
