import KlageKernel

/// What `system.health` returns.
struct HealthView: WireSample {
    enum Status: String, Encodable, Sendable, CaseIterable { case ok, degraded }
    enum Storage: String, Encodable, Sendable, CaseIterable { case ok, unavailable }
    let status: Status
    let storage: Storage
    let engine: String
    /// Klage's version, for operators only: which build runs is of use to whoever would attack it.
    let version: String?

    static let sample = HealthView(status: .ok, storage: .ok, engine: "", version: "")
}

extension RPCServices {
    /// `system.health`, whether the host and its storage answer; `workflow.list`, the workflows the caller's tenant has.
    var systemMethods: [RPCMethod] {
        [
            RPCMethod(
                "system.health", summary: "Whether the host and its storage answer, and, to operators, Klage's version.", access: .open
            ) { _, context in
                let health = await storageHealth()
                return HealthView(
                    status: health.ok ? .ok : .degraded, storage: health.ok ? .ok : .unavailable, engine: health.engine,
                    version: context.actor?.role == .operator ? version : nil)
            },
            RPCMethod(
                "workflow.list", summary: "The workflows enabled for the caller's tenant, with states, actions and deadlines.",
                roles: Role.anyTenantRole
            ) { _, context in
                ItemsView(items: env.registry.workflows(for: context.tenant).map(WorkflowView.init))
            },
        ]
    }
}
