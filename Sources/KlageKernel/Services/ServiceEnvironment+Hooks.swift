import Foundation

/// How one run of an event's plug-in hooks went.
public struct HookRun: Sendable, Hashable {
    /// The keys of the hooks that succeeded (``EventHandlerRegistration/key``).
    public var succeeded: [String] = []
    /// The first failure, described without personal data; `nil` when every hook succeeded.
    public var error: String?
}

extension ServiceEnvironment {
    /// Runs the plug-in hooks of events just committed: attempt 1 of their durable deliveries.
    ///
    /// The delivery each hooked event was stored with is the source of truth: this attempt is handed to
    /// ``hooksRan`` to be recorded there, and what it leaves undone (a hook that threw, or a process that
    /// died first) the host's dispatcher runs later (`KlageDelivery`). A failing hook never undoes what was stored.
    /// The contact or learning item the events were stored with is passed along to typed hooks
    /// (``ContactRecorded``, ``LearningItemCreated``).
    func publish(_ events: [DomainEvent], tenant: Tenant, actor: Principal, contact: Contact? = nil, learningItem: LearningItem? = nil) async {
        let hooked = registry.hookedEventTypes
        let deliveries = events.filter { hooked.contains($0.type) }
        guard !deliveries.isEmpty else { return }
        beforeHooks()
        for event in deliveries {
            let published = PublishedEvent(
                event, contact: event.type == .contactRecorded ? contact : nil,
                learningItem: event.type == .learningCreated ? learningItem : nil)
            await hooksRan(await runHooks(published, tenant: tenant, actor: actor, skipping: []), event)
        }
    }

    /// Runs the tenant's hooks on a stored event again, except those already done: a later attempt at its
    /// delivery, as the event's actor with the admin's role.
    public func rerunHooks(of event: DomainEvent, tenant: Tenant, skipping done: Set<String>) async -> HookRun {
        let actor = Principal(id: event.actor, tenant: tenant.id, role: .admin, label: "Klage outbox")
        return await runHooks(PublishedEvent(event), tenant: tenant, actor: actor, skipping: done)
    }

    /// Runs the tenant's hooks on one event, except those already done; each in a context whose ids
    /// are derived from the event and the hook, so a second run creates nothing new.
    func runHooks(_ published: PublishedEvent, tenant: Tenant, actor: Principal, skipping done: Set<String>) async -> HookRun {
        var attempt = HookRun()
        for registration in registry.handlers(for: published.event.type, tenant: tenant) where !done.contains(registration.key) {
            let context = delivering(published.event, hook: registration.key).pluginContext(registration.pluginID, tenant: tenant, actor: actor)
            do {
                try await registration.handler(published, context)
                attempt.succeeded.append(registration.key)
            } catch {
                hookFailed(registration.pluginID, published.event.type, error)
                if attempt.error == nil {
                    let reason = (error as? KlageError)?.description ?? String(describing: type(of: error))
                    attempt.error = "\(registration.key): \(reason)"
                }
            }
        }
        return attempt
    }

    /// This environment with ids derived from one delivery: the event and the hook's key.
    func delivering(_ event: DomainEvent, hook: String) -> ServiceEnvironment {
        var environment = self
        environment.ids = IDGenerator(clock: clock, derivedFrom: "\(event.tenant.rawValue)/\(event.id.rawValue)/\(hook)", at: event.at)
        return environment
    }
}
