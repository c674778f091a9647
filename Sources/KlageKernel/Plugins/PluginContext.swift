import Foundation

/// What a plug-in's operations and event handlers can use: the tenant, who acts, its own records,
/// and the kernel's services, all scoped to the one tenant.
public struct PluginContext: Sendable {
    public let plugin: PluginID
    public let tenant: Tenant
    public let actor: Actor
    public let now: Date
    /// The plug-in's own records in this tenant.
    public let records: PluginRecords
    public let complaints: ComplaintService
    public let learning: LearningService
    public let surveys: SurveyService

    init(plugin: PluginID, tenant: Tenant, actor: Actor, env: ServiceEnvironment) {
        self.plugin = plugin
        self.tenant = tenant
        self.actor = actor
        self.now = env.clock.now()
        self.records = PluginRecords(plugin: plugin, tenant: tenant.id, env: env)
        self.complaints = ComplaintService(env)
        self.learning = LearningService(env)
        self.surveys = SurveyService(env)
    }

    /// A tenant setting, e.g. `"roskilde.getBackDays"`.
    public func setting(_ key: String) -> JSONValue? { tenant.settings[key] }
}
