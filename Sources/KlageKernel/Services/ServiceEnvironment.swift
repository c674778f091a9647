import Foundation

/// What every service needs: the store, the plug-ins, the clock and the id generator.
public struct ServiceEnvironment: Sendable {
    public let store: any KlageStore
    public let registry: PluginRegistry
    public let clock: any KlageClock
    public let ids: IDGenerator

    public init(store: any KlageStore, registry: PluginRegistry, clock: any KlageClock = SystemClock()) {
        self.store = store
        self.registry = registry
        self.clock = clock
        self.ids = IDGenerator(clock: clock)
    }

    /// Runs the plug-in hooks for stored events; a failing hook never undoes what was stored.
    func publish(_ events: [DomainEvent], tenant: Tenant) async {
        for event in events {
            for registration in registry.handlers(for: event.type, tenant: tenant) {
                await registration.handler(event)
            }
        }
    }

    /// An event for a complaint, stamped now by `actor`.
    func event(_ type: EventType, complaint: ComplaintID?, learningItem: LearningItemID? = nil, tenant: TenantID,
               actor: Actor, at: Date, summary: String, data: [String: JSONValue] = [:]) -> DomainEvent {
        DomainEvent(id: ids.next(), tenant: tenant, complaintId: complaint, learningItemId: learningItem, at: at,
                    type: type, actor: actor.id, summary: summary, data: data)
    }
}
