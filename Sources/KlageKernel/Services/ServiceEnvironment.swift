import Foundation

/// What every service needs: the store, the plug-ins, the clock and the id generator.
public struct ServiceEnvironment: Sendable {
    public let store: any KlageStore
    public let registry: PluginRegistry
    public let clock: any KlageClock
    public let ids: IDGenerator
    /// Hashes secrets (API keys, survey tokens) before they are stored; SHA-256 in the server.
    public let hashSecret: @Sendable (String) -> String
    /// Where plug-in hooks report failures; they never undo what was stored.
    public let hookFailed: @Sendable (PluginID, EventType, any Error) -> Void
    /// Where a follow-up that never undoes the change before it reports failure, e.g. the survey issued
    /// at closing (`"survey at closing"`). The error is a ``KlageError`` or a storage error; no personal data.
    public let followUpFailed: @Sendable (String, any Error) -> Void

    public init(
        store: any KlageStore, registry: PluginRegistry, clock: any KlageClock = SystemClock(),
        hashSecret: @escaping @Sendable (String) -> String,
        hookFailed: @escaping @Sendable (PluginID, EventType, any Error) -> Void = { _, _, _ in },
        followUpFailed: @escaping @Sendable (String, any Error) -> Void = { _, _ in }
    ) {
        self.followUpFailed = followUpFailed
        self.store = store
        self.registry = registry
        self.clock = clock
        self.ids = IDGenerator(clock: clock)
        self.hashSecret = hashSecret
        self.hookFailed = hookFailed
    }

    /// The context a plug-in's operation or hook runs in.
    public func pluginContext(_ plugin: PluginID, tenant: Tenant, actor: Principal) -> PluginContext {
        PluginContext(plugin: plugin, tenant: tenant, actor: actor, env: self)
    }

    /// Runs the plug-in hooks for stored events; a failing hook is reported and never undoes what was stored.
    ///
    /// The contact or learning item the events were stored with is passed along to typed hooks
    /// (``ContactRecorded``, ``LearningItemCreated``).
    func publish(_ events: [DomainEvent], tenant: Tenant, actor: Principal, contact: Contact? = nil, learningItem: LearningItem? = nil) async {
        for event in events {
            let published = PublishedEvent(
                event, contact: event.type == .contactRecorded ? contact : nil,
                learningItem: event.type == .learningCreated ? learningItem : nil)
            for registration in registry.handlers(for: event.type, tenant: tenant) {
                do {
                    try await registration.handler(published, pluginContext(registration.pluginID, tenant: tenant, actor: actor))
                } catch {
                    hookFailed(registration.pluginID, event.type, error)
                }
            }
        }
    }

    /// An event for a complaint, stamped now by `actor`.
    func event(
        _ type: EventType, complaint: ComplaintID?, learningItem: LearningItemID? = nil, tenant: TenantID,
        actor: Principal, at: Date, summary: String, data: [String: JSONValue] = [:]
    ) -> DomainEvent {
        DomainEvent(
            id: ids.next(), tenant: tenant, complaintId: complaint, learningItemId: learningItem, at: at,
            type: type, actor: actor.id, summary: summary, data: data)
    }
}
