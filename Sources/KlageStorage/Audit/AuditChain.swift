import Foundation
import KlageKernel

/// Appends to a tenant's audit chain inside the transaction that writes the audited rows.
///
/// Appends to one tenant are serialised on the tenant's head row (`audit_heads`): the first statement
/// inserts it or, when it exists, updates it to itself, which on PostgreSQL takes its row lock until the
/// transaction ends (as `SELECT … FOR UPDATE` would; a second writer waits and then reads the head the
/// first one committed); SQLite has one writer. So `seq` has no gaps and no forks.
enum AuditChain {
    /// An entry before it is numbered and linked.
    struct Link: Sendable {
        let kind: TenantAuditKind
        let reference: String
        let occurredAt: Date
        let actor: String
        let digest: String

        /// The link recording that `event` was written.
        init(_ event: DomainEvent) {
            self.kind = .event
            self.reference = event.id.rawValue
            self.occurredAt = event.at
            self.actor = event.actor
            self.digest = AuditDigest.digest(of: event)
        }

        /// The link recording the read `record`.
        init(_ record: AccessRecord) {
            self.kind = .read
            self.reference = record.complaintId.rawValue
            self.occurredAt = record.at
            self.actor = record.actor
            self.digest = AuditDigest.digest(of: record)
        }
    }

    /// Appends the links of `events`, per tenant, in their order.
    static func append(_ events: [DomainEvent], on connection: any SQLConnection) throws {
        for tenant in uniqueTenants(events.map(\.tenant)) {
            try append(events.filter { $0.tenant == tenant }.map(Link.init), tenant: tenant, on: connection)
        }
    }

    /// Appends `links`, made before the transaction from `events` (one each, in order), per tenant.
    static func append(_ links: [Link], of events: [DomainEvent], on connection: any SQLConnection) throws {
        for tenant in uniqueTenants(events.map(\.tenant)) {
            try append(zip(events, links).filter { $0.0.tenant == tenant }.map(\.1), tenant: tenant, on: connection)
        }
    }

    /// Appends the links of `reads`, per tenant, in their order.
    static func append(_ reads: [AccessRecord], on connection: any SQLConnection) throws {
        for tenant in uniqueTenants(reads.map(\.tenant)) {
            try append(reads.filter { $0.tenant == tenant }.map(Link.init), tenant: tenant, on: connection)
        }
    }

    /// Locks the tenant's head, numbers and links `links` after it, inserts them and moves the head.
    static func append(_ links: [Link], tenant: TenantID, on connection: any SQLConnection) throws {
        guard !links.isEmpty else { return }
        var seq: Int
        var previous: String
        if let known = connection.auditHead(of: tenant.rawValue) {
            // This transaction holds the head's lock and moved it last: no need to ask again.
            (seq, previous) = known
        } else {
            guard
                let head = try connection.queryFirst(
                    """
                    INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (\(tenant), \(0), \(AuditEntry.genesis))
                    ON CONFLICT (tenant_id) DO UPDATE SET seq = audit_heads.seq
                    RETURNING seq, hash
                    """)
            else { throw StorageError(code: .engine, message: "the audit chain's head could not be locked") }
            seq = try head.int("seq")
            previous = try head.string("hash")
        }
        var entries: [AuditEntry] = []
        entries.reserveCapacity(links.count)
        for link in links {
            seq += 1
            let entry = AuditEntry.linked(
                tenant: tenant, seq: seq, kind: link.kind, reference: link.reference, occurredAt: link.occurredAt, actor: link.actor,
                digest: link.digest, previousHash: previous, hashing: AuditDigest.sha256)
            entries.append(entry)
            previous = entry.hash
        }
        // Sent, not waited for: nothing below reads them, and their failure fails the write at its commit.
        for statement in try SQL.insert(entries) { try connection.send(statement) }
        try connection.send("UPDATE audit_heads SET seq = \(seq), hash = \(previous) WHERE tenant_id = \(tenant)")
        connection.rememberAuditHead(of: tenant.rawValue, seq: seq, hash: previous)
    }

    private static func uniqueTenants(_ tenants: [TenantID]) -> [TenantID] {
        var seen = Set<TenantID>()
        return tenants.filter { seen.insert($0).inserted }
    }
}
