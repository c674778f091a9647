import Foundation

/// What every service needs: the store, the plug-ins, the clock and the id generator.
public struct ServiceEnvironment: Sendable {
    public let store: any KlageStore
    public let registry: PluginRegistry
    public let clock: any KlageClock
    /// Makes ids; inside a plug-in hook, ids derived from the delivery (see ``DerivedIDs``).
    public internal(set) var ids: IDGenerator
    /// Attention items the host raises itself (see ``HostNotices``); one board per environment.
    public let notices = HostNotices()
    /// Hashes secrets (API keys, survey tokens) before they are stored; SHA-256 in the server.
    public let hashSecret: @Sendable (String) -> String
    /// Where plug-in hooks report failures; they never undo what was stored, and their delivery retries them.
    public let hookFailed: @Sendable (PluginID, EventType, any Error) -> Void
    /// Where a follow-up that never undoes the change before it reports failure, e.g. the survey issued
    /// at closing (`"survey at closing"`). The error is a ``KlageError`` or a storage error; no personal data.
    public let followUpFailed: @Sendable (String, any Error) -> Void
    /// Told how the plug-in hooks of a stored event went when they ran right after its commit: attempt 1
    /// of the event's durable delivery, which the host's delivery engine (`KlageDelivery`) records, and
    /// retries what failed. Nothing by default: the hooks run once.
    let hooksRan: @Sendable (HookRun, DomainEvent) async -> Void
    /// Called after a commit whose events have hooks, before they run. **For tests only**: the test-only
    /// server kills itself here when `KLAGE_TEST_CRASH_BEFORE_HOOKS` is set, to prove the delivery of
    /// hooks loses nothing; in `klage` it does nothing.
    let beforeHooks: @Sendable () -> Void

    public init(
        store: any KlageStore, registry: PluginRegistry, clock: any KlageClock = SystemClock(),
        hashSecret: @escaping @Sendable (String) -> String,
        hookFailed: @escaping @Sendable (PluginID, EventType, any Error) -> Void = { _, _, _ in },
        followUpFailed: @escaping @Sendable (String, any Error) -> Void = { _, _ in },
        beforeHooks: @escaping @Sendable () -> Void = {},
        hooksRan: @escaping @Sendable (HookRun, DomainEvent) async -> Void = { _, _ in }
    ) {
        self.hooksRan = hooksRan
        self.followUpFailed = followUpFailed
        self.beforeHooks = beforeHooks
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
