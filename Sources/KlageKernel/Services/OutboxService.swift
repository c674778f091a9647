public import Foundation

/// The outbox of plug-in hooks: runs the deliveries the request path did not settle, with back-off,
/// and lets an operator list and retry them.
///
/// Every stored event that a plug-in hooks has an outbox row, written in the event's transaction. A
/// delivery runs at least once; a hook that succeeded for an event never runs for it again, and what a
/// hook creates is keyed by the event (``DerivedIDs``), so a hook run twice writes once. Safe in every
/// instance: an attempt is taken by a compare-and-swap on the row's attempt count.
public struct OutboxService: Sendable {
    let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// Runs every tenant's due deliveries once (at most `limit` per tenant).
    /// - Returns: how many attempts ran. A tenant whose deliveries cannot be read is reported and skipped.
    @discardableResult
    public func dispatchDue(limit: Int = 100) async throws -> Int {
        var ran = 0
        for tenant in try await env.store.allTenants() {
            do {
                for (delivery, event) in try await env.store.dueDeliveries(tenant: tenant.id, at: env.clock.now(), limit: limit) {
                    if try await attempt(delivery, of: event, in: tenant) { ran += 1 }
                }
            } catch {
                env.followUpFailed("outbox dispatch", error)
            }
        }
        return ran
    }

    /// One attempt at a pending delivery, if this caller takes it first.
    private func attempt(_ delivery: OutboxDelivery, of event: DomainEvent, in tenant: Tenant) async throws -> Bool {
        let now = env.clock.now()
        let attempts = delivery.attempts + 1
        let lease = now.addingTimeInterval(env.outboxPolicy.retryDelay(after: attempts))
        guard try await env.store.claimDelivery(delivery, retryAt: lease, at: now) else { return false }
        let actor = Principal(id: event.actor, tenant: tenant.id, role: .admin, label: "Klage outbox")
        let result = await env.runHooks(PublishedEvent(event), tenant: tenant, actor: actor, skipping: Set(delivery.doneHooks))
        await env.record(result, of: event, attempts: attempts)
        return true
    }

    /// Deliveries in `state` (of one tenant, or every tenant), oldest event first.
    public func list(state: OutboxState, tenant: TenantID?, limit: Int = 50, after cursor: String? = nil) async throws -> Page<OutboxDelivery> {
        let after = try PageCursor.decode(cursor)
        let items = try await env.store.deliveries(state: state, tenant: tenant, limit: limit + 1, after: after)
        guard items.count > limit else { return Page(items: items, nextCursor: nil) }
        let kept = Array(items.prefix(limit))
        return Page(items: kept, nextCursor: kept.last.map { PageCursor.encode(after: $0.eventId.rawValue) })
    }

    /// Makes a dead or pending delivery pending again with a fresh count of attempts, and runs it now.
    /// - Returns: the delivery after that attempt. - Throws: not found when the event has no delivery
    ///   of `tenant`, conflict when it is done already.
    public func retry(_ event: EventID, tenant: TenantID) async throws -> OutboxDelivery {
        guard let tenantRecord = try await env.store.tenant(tenant) else { throw KlageError.notFound("outbox delivery") }
        guard try await env.store.retryDelivery(of: event, tenant: tenant, at: env.clock.now()) else {
            if try await env.store.delivery(of: event, tenant: tenant) != nil { throw KlageError.conflict("the delivery is done already") }
            throw KlageError.notFound("outbox delivery")
        }
        if let pending = try await env.store.delivery(of: event, tenant: tenant) {
            _ = try await attempt(pending.delivery, of: pending.event, in: tenantRecord)
        }
        guard let after = try await env.store.delivery(of: event, tenant: tenant)?.delivery else { throw KlageError.notFound("outbox delivery") }
        return after
    }
}
