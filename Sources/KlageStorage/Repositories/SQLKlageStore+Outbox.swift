public import Foundation
public import KlageKernel

/// Which stored events get an outbox row (the types the host's plug-ins hook), and when the
/// dispatcher may first run one (after the request that stored it has had its attempt).
public struct OutboxRouting: Sendable {
    public let hookedEvents: Set<EventType>
    /// Seconds after the event.
    public let firstAttemptAfter: TimeInterval

    public init(hookedEvents: Set<EventType>, firstAttemptAfter: TimeInterval) {
        self.hookedEvents = hookedEvents
        self.firstAttemptAfter = firstAttemptAfter
    }

    /// No outbox rows (tools that run no hooks: `klage copy`, tests of the store alone).
    public static let none = OutboxRouting(hookedEvents: [], firstAttemptAfter: 0)
}

extension SQLKlageStore: OutboxStore {
    public func dueDeliveries(tenant: TenantID, at now: Date, limit: Int) async throws -> [(delivery: OutboxDelivery, event: DomainEvent)] {
        try await read(tenant) { connection in
            let due = try connection.fetchAll(
                OutboxDelivery.self,
                SQL.select(OutboxDelivery.self)
                    + " WHERE tenant_id = \(tenant) AND state = \(OutboxState.pending.rawValue) AND next_attempt_at <= \(now) ORDER BY next_attempt_at LIMIT \(limit)"
            )
            return try due.compactMap { delivery in try Self.event(of: delivery, on: connection).map { (delivery, $0) } }
        }
    }

    public func delivery(of event: EventID, tenant: TenantID) async throws -> (delivery: OutboxDelivery, event: DomainEvent)? {
        try await read(tenant) { connection in
            guard
                let delivery = try connection.fetchOne(
                    OutboxDelivery.self, SQL.select(OutboxDelivery.self) + " WHERE tenant_id = \(tenant) AND event_id = \(event)"),
                let stored = try Self.event(of: delivery, on: connection)
            else { return nil }
            return (delivery, stored)
        }
    }

    public func claimDelivery(_ delivery: OutboxDelivery, retryAt: Date, at now: Date) async throws -> Bool {
        try await write(delivery.tenant) { connection in
            try connection.execute(
                """
                UPDATE outbox SET attempts = \(delivery.attempts + 1), next_attempt_at = \(retryAt), updated_at = \(now)
                WHERE tenant_id = \(delivery.tenant) AND event_id = \(delivery.eventId) AND state = \(OutboxState.pending.rawValue)
                    AND attempts = \(delivery.attempts)
                """) == 1
        }
    }

    public func recordAttempt(
        of event: EventID, tenant: TenantID, succeeded: [String], state: OutboxState, attempts: Int, nextAttemptAt: Date,
        error: String?, at now: Date
    ) async throws {
        try await write(tenant) { connection in
            let pending = OutboxState.pending.rawValue
            guard
                var delivery = try connection.fetchOne(
                    OutboxDelivery.self,
                    SQL.select(OutboxDelivery.self) + " WHERE tenant_id = \(tenant) AND event_id = \(event) AND state = \(pending)")
            else { return }
            delivery.doneHooks += succeeded.filter { !delivery.doneHooks.contains($0) }
            delivery.state = state
            delivery.attempts = max(delivery.attempts, attempts)
            delivery.nextAttemptAt = nextAttemptAt
            delivery.lastError = error ?? delivery.lastError
            delivery.updatedAt = now
            try connection.execute(try .update(delivery, where: "state = \(pending)"))
        }
    }

    public func deliveries(state: OutboxState, tenant: TenantID?, limit: Int, after: String?) async throws -> [OutboxDelivery] {
        let list: @Sendable (any SQLConnection) throws -> [OutboxDelivery] = { connection in
            var sql = SQL.select(OutboxDelivery.self) + " WHERE state = \(state.rawValue)"
            if let tenant { sql = sql + " AND tenant_id = \(tenant)" }
            if let after { sql = sql + " AND event_id > \(after)" }
            return try connection.fetchAll(OutboxDelivery.self, sql + " ORDER BY event_id LIMIT \(limit)")
        }
        return try await read(tenant, list)
    }

    public func retryDelivery(of event: EventID, tenant: TenantID, at now: Date) async throws -> Bool {
        try await write(tenant) { connection in
            try connection.execute(
                """
                UPDATE outbox SET state = \(OutboxState.pending.rawValue), attempts = 0, next_attempt_at = \(now), updated_at = \(now)
                WHERE tenant_id = \(tenant) AND event_id = \(event) AND state <> \(OutboxState.done.rawValue)
                """) == 1
        }
    }

    /// The event a delivery is for.
    private static func event(of delivery: OutboxDelivery, on connection: any SQLConnection) throws -> DomainEvent? {
        try connection.fetchOne(
            DomainEvent.self, SQL.select(DomainEvent.self) + " WHERE tenant_id = \(delivery.tenant) AND id = \(delivery.eventId)")
    }
}
