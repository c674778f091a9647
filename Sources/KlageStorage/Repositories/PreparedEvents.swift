import KlageKernel

/// Events made ready to store before their transaction: their `INSERT`, with `ON CONFLICT DO NOTHING
/// RETURNING id` to learn which were new, and each one's audit-chain link (the digest of the event).
///
/// Encoding an event's payload and hashing it are most of the CPU a write costs. Done on the caller's
/// task, they run in parallel with other requests; done inside the transaction, on SQLite's single
/// writer, they would be done one request at a time.
struct PreparedEvents: Sendable {
    let events: [DomainEvent]
    /// One statement for all of them: a taken id fails it.
    let inserts: [SQL]
    let links: [AuditChain.Link]

    init(_ events: [DomainEvent]) throws {
        self.events = events
        self.inserts = try SQL.insert(events)
        self.links = events.map(AuditChain.Link.init)
    }

    /// The inserts answering which events were new; one already stored is left as it is.
    var insertsAnsweringNew: [SQL] {
        inserts.map { $0 + " ON CONFLICT DO NOTHING RETURNING id" }
    }
}
