public import Foundation
public import KlageDelivery
public import KlageKernel

/// Which stored events get a plug-in hook delivery with them (the types the host's plug-ins hook), and
/// when the dispatcher may first take one (``KlageDelivery/DeliveryPolicy/firstAttemptAfter``).
public struct HookRouting: Sendable {
    public let hookedEvents: Set<EventType>
    public let policy: DeliveryPolicy

    public init(hookedEvents: Set<EventType>, policy: DeliveryPolicy) {
        self.hookedEvents = hookedEvents
        self.policy = policy
    }

    /// No hook deliveries (tools that run no hooks: `klage copy`, tests of the store alone).
    public static let none = HookRouting(hookedEvents: [], policy: DeliveryPolicy())
}

/// Deliveries of every channel, in `deliveries`. A delivery is taken for an attempt by a compare-and-swap
/// on its attempts, and its outcome recorded by another, so several instances may dispatch side by side.
extension SQLKlageStore: DeliveryStore {
    /// A host read: the table's owner is not held by row-level security.
    public func tenantsWithDueDeliveries(channel: String, at now: Date) async throws -> [TenantID] {
        try await read(nil) { connection in
            try connection.query(
                """
                SELECT DISTINCT tenant_id FROM deliveries
                WHERE channel = \(channel) AND state = \(DeliveryState.pending.rawValue) AND next_attempt_at <= \(now) ORDER BY tenant_id
                """
            ).map { try $0.value("tenant_id") }
        }
    }

    public func dueDeliveries(tenant: TenantID, channel: String, at now: Date, limit: Int) async throws -> [DueDelivery] {
        try await read(tenant) { connection in
            let due = try connection.fetchAll(
                Delivery.self,
                SQL.select(Delivery.self)
                    + " WHERE tenant_id = \(tenant) AND channel = \(channel) AND state = \(DeliveryState.pending.rawValue)"
                    + " AND next_attempt_at <= \(now) ORDER BY next_attempt_at, event_id LIMIT \(limit)")
            return try due.compactMap { try Self.withEvent($0, on: connection) }
        }
    }

    public func delivery(_ key: DeliveryKey, tenant: TenantID) async throws -> DueDelivery? {
        try await read(tenant) { connection in
            try connection.fetchOne(
                Delivery.self,
                SQL.select(Delivery.self)
                    + " WHERE tenant_id = \(tenant) AND channel = \(key.channel) AND target = \(key.target) AND event_id = \(key.eventId)"
            ).flatMap { try Self.withEvent($0, on: connection) }
        }
    }

    public func claimDeliveries(_ taken: [Delivery]) async throws -> [Delivery] {
        guard let tenant = taken.first?.tenant else { return [] }
        return try await write(tenant) { connection in
            try taken.filter { delivery in
                try connection.execute(
                    """
                    UPDATE deliveries SET attempts = \(delivery.attempts), next_attempt_at = \(delivery.nextAttemptAt), updated_at = \(delivery.updatedAt)
                    WHERE tenant_id = \(tenant) AND channel = \(delivery.channel) AND target = \(delivery.target) AND event_id = \(delivery.eventId)
                        AND state = \(DeliveryState.pending.rawValue) AND attempts = \(delivery.attempts - 1)
                    """) == 1
            }
        }
    }

    public func recordAttempts(_ deliveries: [Delivery]) async throws {
        guard let tenant = deliveries.first?.tenant else { return }
        try await write(tenant) { connection in
            for delivery in deliveries where delivery.tenant == tenant {
                try connection.execute(
                    try .update(delivery, where: "state = \(DeliveryState.pending.rawValue) AND attempts = \(delivery.attempts)"))
            }
        }
    }

    /// Without a tenant, a host read across tenants (operators' `outbox.list`).
    public func deliveries(_ query: DeliveryQuery) async throws -> [Delivery] {
        try await read(query.tenant) { connection in
            var sql = SQL.select(Delivery.self) + " WHERE " + Self.selecting(query)
            if let after = query.after {
                sql = sql + " AND (feed_position, event_id, target) > (\(after.position), \(after.eventId), \(after.target))"
            }
            return try connection.fetchAll(Delivery.self, sql + " ORDER BY feed_position, event_id, target LIMIT \(query.limit)")
        }
    }

    public func retryDeliveries(_ query: DeliveryQuery, at now: Date) async throws -> Int {
        try await write(query.tenant) { connection in
            try connection.execute(
                """
                UPDATE deliveries SET state = \(DeliveryState.pending.rawValue), attempts = 0, next_attempt_at = \(now), updated_at = \(now)
                WHERE \(Self.selecting(query)) AND state <> \(DeliveryState.delivered.rawValue)
                """)
        }
    }

    /// The condition that selects `query`'s deliveries, its cursor aside.
    private static func selecting(_ query: DeliveryQuery) -> SQL {
        var sql: SQL = "channel = \(query.channel)"
        if let tenant = query.tenant { sql = sql + " AND tenant_id = \(tenant)" }
        if let target = query.target { sql = sql + " AND target = \(target)" }
        if let eventId = query.eventId { sql = sql + " AND event_id = \(eventId)" }
        if let state = query.state { sql = sql + " AND state = \(state.rawValue)" }
        return sql
    }

    /// A delivery with the event it delivers; `nil` when the event cannot be found.
    private static func withEvent(_ delivery: Delivery, on connection: any SQLConnection) throws -> DueDelivery? {
        try connection.fetchOne(
            DomainEvent.self, SQL.select(DomainEvent.self) + " WHERE tenant_id = \(delivery.tenant) AND id = \(delivery.eventId)"
        ).map { DueDelivery(delivery: delivery, event: $0) }
    }
}
