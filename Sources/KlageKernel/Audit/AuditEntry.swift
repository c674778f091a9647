public import Foundation

/// One link of a tamper-evident audit chain: a tenant's (``AuditEntry``, `audit_chain`) or the
/// host's (``HostAuditEntry``, `host_audit_chain`). The two chains differ only in what their entries
/// record (`Kind`) and in whose chain it is (``tenant``, `nil` on the host's).
///
/// An entry is appended in the transaction that makes the change it records, and holds no personal
/// data: ids, a kind, the actor's id, a time and a digest. ``hash`` is SHA-256 over ``previousHash``
/// followed by the entry's canonical text, so changing, removing or inserting an entry breaks the
/// links after it.
public struct AuditChainEntry<Kind>: Sendable, Hashable, Codable
where Kind: RawRepresentable<String> & Sendable & Hashable & Codable {
    /// The tenant whose chain holds the entry; `nil` on the host's chain.
    public let tenant: TenantID?
    /// 1, 2, 3, … per chain, without gaps.
    public let seq: Int
    public let kind: Kind
    /// What the entry is about: an event's, complaint's, key's or tenant's id (see `Kind`).
    public let reference: String
    public let occurredAt: Date
    /// The id of the actor (never a name).
    public let actor: String
    /// SHA-256 (hex) of the change's audited, non-personal content.
    public let digest: String
    /// The hash of entry `seq - 1`, or ``genesis`` for the first.
    public let previousHash: String
    /// SHA-256 (hex) of `previousHash` followed by ``canonicalText``.
    public let hash: String

    /// The previous hash of a chain's first entry: 64 zeros.
    public static var genesis: String { String(repeating: "0", count: 64) }

    /// The entry as the text its hash covers: its fields in a fixed order, separated by U+001F, the
    /// time in milliseconds since 1970.
    public var canonicalText: String {
        Self.canonicalText(tenant: tenant, seq: seq, kind: kind, reference: reference, occurredAt: occurredAt, actor: actor, digest: digest)
    }

    /// The canonical text of an entry with these fields. The host's chain puts `host` where a tenant's
    /// puts the tenant's id; its kinds differ from a tenant's, so no tenant entry has the same text.
    public static func canonicalText(
        tenant: TenantID?, seq: Int, kind: Kind, reference: String, occurredAt: Date, actor: String, digest: String
    ) -> String {
        [tenant?.rawValue ?? "host", String(seq), kind.rawValue, reference, String(milliseconds(occurredAt)), actor, digest]
            .joined(separator: "\u{1F}")
    }

    /// The entry whose hash links it to `previousHash`.
    public static func linked(
        tenant: TenantID?, seq: Int, kind: Kind, reference: String, occurredAt: Date, actor: String, digest: String,
        previousHash: String, hashing: (String) -> String
    ) -> Self {
        let text = canonicalText(tenant: tenant, seq: seq, kind: kind, reference: reference, occurredAt: occurredAt, actor: actor, digest: digest)
        return Self(
            tenant: tenant, seq: seq, kind: kind, reference: reference, occurredAt: occurredAt, actor: actor, digest: digest,
            previousHash: previousHash, hash: hashing(previousHash + text))
    }

    public init(
        tenant: TenantID?, seq: Int, kind: Kind, reference: String, occurredAt: Date, actor: String, digest: String,
        previousHash: String, hash: String
    ) {
        self.tenant = tenant
        self.seq = seq
        self.kind = kind
        self.reference = reference
        self.occurredAt = occurredAt
        self.actor = actor
        self.digest = digest
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Encodes every field but a host entry's absent tenant, which its chain's table has no column for.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let tenant { try container.encode(tenant, forKey: .tenant) }
        try container.encode(seq, forKey: .seq)
        try container.encode(kind, forKey: .kind)
        try container.encode(reference, forKey: .reference)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encode(actor, forKey: .actor)
        try container.encode(digest, forKey: .digest)
        try container.encode(previousHash, forKey: .previousHash)
        try container.encode(hash, forKey: .hash)
    }

    /// A time as whole milliseconds since 1970, as storage keeps it.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
