import Foundation

/// How one attempt at an event's hooks went.
struct HookAttempt: Sendable {
    /// The keys of the hooks that succeeded.
    var succeeded: [String] = []
    /// The first failure, described without personal data; `nil` when every hook succeeded.
    var error: String?
}

extension ServiceEnvironment {
    /// Runs the plug-in hooks of events just committed: attempt 1 of their outbox deliveries.
    ///
    /// The outbox row each hooked event was stored with is the source of truth: this attempt records
    /// how it went there, and what it leaves undone (a hook that threw, or a process that died
    /// first) the dispatcher runs later (``OutboxService``). A failing hook never undoes what was stored.
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
            let attempt = await runHooks(published, tenant: tenant, actor: actor, skipping: [])
            await record(attempt, of: event, attempts: 1)
        }
    }

    /// Runs the tenant's hooks on one event, except those already done; each in a context whose ids
    /// are derived from the event and the hook, so a second run creates nothing new.
    func runHooks(_ published: PublishedEvent, tenant: Tenant, actor: Principal, skipping done: Set<String>) async -> HookAttempt {
        var attempt = HookAttempt()
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

    /// Records attempt number `attempts` in the event's outbox row: done, pending with back-off, or dead.
    func record(_ attempt: HookAttempt, of event: DomainEvent, attempts: Int) async {
        let now = clock.now()
        let state: OutboxState = attempt.error == nil ? .done : attempts >= outboxPolicy.maxAttempts ? .dead : .pending
        outboxAttempted(state, attempts)
        do {
            try await store.recordAttempt(
                of: event.id, tenant: event.tenant, succeeded: attempt.succeeded, state: state, attempts: attempts,
                nextAttemptAt: now.addingTimeInterval(outboxPolicy.retryDelay(after: attempts)), error: attempt.error, at: now)
        } catch {
            followUpFailed("outbox attempt record", error)  // the row stays pending: the dispatcher runs it again
        }
    }
}
