import Foundation

/// What a plug-in's operations and event handlers can use: the tenant, who acts, its own records,
/// and the kernel's services, all bound to the one tenant (no call takes a tenant, so none can cross one).
public struct PluginContext: Sendable {
    public let plugin: PluginID
    public let tenant: Tenant
    public let actor: Actor
    public let now: Date
    /// The plug-in's own records in this tenant.
    public let records: PluginRecords
    /// The tenant's complaints, as this context's actor.
    public let complaints: TenantComplaints
    /// The tenant's learning items.
    public let learning: TenantLearning

    init(plugin: PluginID, tenant: Tenant, actor: Actor, env: ServiceEnvironment) {
        self.plugin = plugin
        self.tenant = tenant
        self.actor = actor
        self.now = env.clock.now()
        self.records = PluginRecords(plugin: plugin, tenant: tenant.id, env: env)
        self.complaints = TenantComplaints(ComplaintService(env), tenant: tenant, actor: actor)
        self.learning = TenantLearning(LearningService(env), tenant: tenant)
    }

    /// A tenant setting, e.g. `"roskilde.getBackDays"`.
    public func setting(_ key: String) -> JSONValue? { tenant.settings[key] }
}
