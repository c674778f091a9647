import KlageKernel

/// Events made ready to store before their transaction: their `INSERT … ON CONFLICT DO NOTHING RETURNING id`
/// and each one's audit-chain link (the digest of the event).
///
/// Encoding an event's payload and hashing it are most of the CPU a write costs. Done on the caller's
/// task, they run in parallel with other requests; done inside the transaction, on SQLite's single
/// writer, they would be done one request at a time.
struct PreparedEvents: Sendable {
    let events: [DomainEvent]
    let inserts: [SQL]
    let links: [AuditChain.Link]

    init(_ events: [DomainEvent]) throws {
        self.events = events
        // One statement for all of them (a round trip on PostgreSQL), answering which were new.
        self.inserts = try SQL.insert(events).map { $0 + " ON CONFLICT DO NOTHING RETURNING id" }
        self.links = events.map(AuditChain.Link.init)
    }
}
