import Foundation
import KlageKernel

/// Appends to the host's audit chain inside the transaction that changes a key or a tenant.
///
/// Appends are serialised on the one head row (`host_audit_head`, `id` 1) as a tenant's are on
/// theirs (``AuditChain``): the first statement inserts it or updates it to itself, which on PostgreSQL
/// holds its row lock until the transaction ends; SQLite has one writer.
enum HostAuditChain {
    /// Numbers, links and inserts one entry after the head, and moves the head.
    static func append(
        _ kind: HostAuditKind, reference: String, actor: String, at: Date, content: [String], on connection: any SQLConnection
    ) throws {
        guard
            let head = try connection.queryFirst(
                """
                INSERT INTO host_audit_head (id, seq, hash) VALUES (\(1), \(0), \(AuditEntry.genesis))
                ON CONFLICT (id) DO UPDATE SET seq = host_audit_head.seq
                RETURNING seq, hash
                """)
        else { throw StorageError(code: .engine, message: "the host audit chain's head could not be locked") }
        let seq = try head.int("seq") + 1
        let previous = try head.string("hash")
        let digest = AuditDigest.digest([kind.rawValue, reference] + content)
        let entry = HostAuditEntry.linked(
            tenant: nil, seq: seq, kind: kind, reference: reference, occurredAt: at, actor: actor, digest: digest, previousHash: previous,
            hashing: AuditDigest.sha256)
        try connection.execute(try .insert(entry))
        try connection.execute("UPDATE host_audit_head SET seq = \(seq), hash = \(entry.hash) WHERE id = \(1)")
    }

    /// What a key's entry digests: never the secret or its hash, nor the label (which may name a person).
    static func content(of key: APIKey) -> [String] {
        [
            key.tenant?.rawValue ?? "", key.role.rawValue, String(AuditEntry.milliseconds(key.createdAt)),
            key.expiresAt.map { String(AuditEntry.milliseconds($0)) } ?? "",
        ]
    }

    /// What a tenant's entry digests: its id, name, plug-ins and settings (sorted keys).
    static func content(of tenant: Tenant) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let settings = String(decoding: try encoder.encode(tenant.settings), as: UTF8.self)
        return [tenant.id.rawValue, tenant.name, tenant.plugins.sorted().joined(separator: ","), settings]
    }
}
