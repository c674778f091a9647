import Foundation
public import KlageDelivery
public import KlageKernel

/// The event feed: the audit chain's event entries, joined to their events, in `seq` order.
///
/// A tenant's chain is appended under a lock on its head row that is held until the transaction
/// commits (``AuditChain``), so `seq` values become visible in the order they were handed out, on both
/// engines: a snapshot that shows `seq = n` shows every `seq` below it. The read takes the head first,
/// in its own statement, then only the entries up to it: on PostgreSQL each statement of a read may
/// see a newer snapshot, and a later one never shows fewer of the entries up to the head.
extension SQLKlageStore: EventFeedStore {
    public func feed(tenant: TenantID, after: Int, types: [EventType]?, limit: Int) async throws -> FeedPage {
        try await read(tenant) { connection in
            let head = try Self.feedHead(tenant: tenant, on: connection)
            guard head > after else { return FeedPage(events: [], next: max(after, 0)) }
            let events = try Self.feedEvents(tenant: tenant, after: after, upTo: head, types: types, limit: limit, on: connection)
            let next = events.count == limit ? (events.last?.position ?? head) : head
            return FeedPage(events: events, next: next)
        }
    }

    public func feedHead(tenant: TenantID) async throws -> Int {
        try await read(tenant) { connection in try Self.feedHead(tenant: tenant, on: connection) }
    }

    /// The tenant's highest `seq` committed (0 before the first entry).
    static func feedHead(tenant: TenantID, on connection: any SQLConnection) throws -> Int {
        try connection.queryFirst("SELECT seq FROM audit_heads WHERE tenant_id = \(tenant)").map { try $0.int("seq") } ?? 0
    }

    /// The tenant's events with `after < seq <= head`, of `types`, at most `limit`, by `seq`.
    static func feedEvents(
        tenant: TenantID, after: Int, upTo head: Int, types: [EventType]?, limit: Int, on connection: any SQLConnection
    ) throws -> [FeedEvent] {
        var sql: SQL = """
            SELECT a.seq AS feed_position, e.tenant_id AS tenant_id, e.id AS id, e.complaint_id AS complaint_id,
                e.learning_item_id AS learning_item_id, e.at AS at, e.type AS type, e.actor AS actor, e.summary AS summary, e.data AS data
            FROM audit_chain a JOIN events e ON e.tenant_id = a.tenant_id AND e.id = a.reference
            WHERE a.tenant_id = \(tenant) AND a.kind = \(TenantAuditKind.event.rawValue) AND a.seq > \(after) AND a.seq <= \(head)
            """
        if let types, !types.isEmpty {
            var filter: SQL = " AND (e.type = \(types[0].rawValue)"
            for type in types.dropFirst() { filter = filter + " OR e.type = \(type.rawValue)" }
            sql = sql + filter + ")"
        }
        sql = sql + " ORDER BY a.seq LIMIT \(limit)"
        return try connection.query(sql).map { row in FeedEvent(position: try row.int("feed_position"), event: try DomainEvent(row: row)) }
    }
}
