public import Foundation

/// What a plug-in's operations and event handlers can use: the tenant, who acts, its own records,
/// and the kernel's services, all bound to the one tenant (no call takes a tenant, so none can cross one).
public struct PluginContext: Sendable {
    /// The plug-in running.
    public let plugin: PluginID
    /// The tenant it runs for.
    public let tenant: Tenant
    /// Who acts: the caller of the operation, or whoever caused the event.
    public let actor: Principal
    /// The time the operation or hook started.
    public let now: Date
    /// The plug-in's own records in this tenant.
    public let records: PluginRecords
    /// The tenant's complaints, as this context's actor.
    public let complaints: TenantComplaints
    /// The tenant's learning items, moved forward as this context's actor or on the plug-in's behalf.
    public let learning: TenantLearning

    init(plugin: PluginID, tenant: Tenant, actor: Principal, env: ServiceEnvironment) {
        self.plugin = plugin
        self.tenant = tenant
        self.actor = actor
        self.now = env.clock.now()
        self.records = PluginRecords(plugin: plugin, tenant: tenant.id, env: env, visibility: ComplaintVisibility(actor, in: tenant))
        self.complaints = TenantComplaints(ComplaintService(env), tenant: tenant, actor: actor)
        self.learning = TenantLearning(LearningService(env), tenant: tenant, plugin: plugin, actor: actor)
    }

    /// A declared setting's value for this tenant, or its default.
    ///
    /// ```swift
    /// let callback = context.setting(StyrketBorgerkontakt.callbackDeadline)   // DeadlineDuration
    /// ```
    public func setting<Setting: TenantSetting>(_ setting: Setting) -> Setting.Value {
        setting.value(in: tenant.settings)
    }
}
