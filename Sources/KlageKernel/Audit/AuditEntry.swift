public import Foundation

/// One link of a tenant's tamper-evident audit chain (`audit_chain`).
///
/// Every stored domain event and every recorded personal-data read appends one entry, in the same
/// transaction. An entry holds no personal data: ids, a type, the actor's id, a time and digests.
/// ``hash`` is SHA-256 over ``previousHash`` followed by the entry's canonical text, so changing,
/// removing or inserting an entry breaks the links after it.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// What an entry records.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A domain event row was written (`reference` is the event's id).
        case event
        /// A read of a complaint's personal data was recorded (`reference` is the complaint's id).
        case read
    }

    public let tenant: TenantID
    /// 1, 2, 3, … per tenant, without gaps.
    public let seq: Int
    public let kind: Kind
    /// The event's id, or the complaint whose personal data was read.
    public let reference: String
    public let occurredAt: Date
    /// The id of the actor (never a name).
    public let actor: String
    /// SHA-256 (hex) of the source row's audited, non-personal content.
    public let digest: String
    /// The hash of entry `seq - 1`, or ``AuditEntry/genesis`` for the first.
    public let previousHash: String
    /// SHA-256 (hex) of `previousHash` followed by ``canonicalText``.
    public let hash: String

    /// The previous hash of a tenant's first entry: 64 zeros.
    public static let genesis = String(repeating: "0", count: 64)

    public init(
        tenant: TenantID, seq: Int, kind: Kind, reference: String, occurredAt: Date, actor: String, digest: String,
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

    /// The entry as the text its hash covers: its fields in a fixed order, separated by U+001F, the
    /// time in milliseconds since 1970.
    public var canonicalText: String {
        AuditEntry.canonicalText(tenant: tenant, seq: seq, kind: kind, reference: reference, occurredAt: occurredAt, actor: actor, digest: digest)
    }

    /// The canonical text of an entry with these fields.
    public static func canonicalText(
        tenant: TenantID, seq: Int, kind: Kind, reference: String, occurredAt: Date, actor: String, digest: String
    ) -> String {
        [tenant.rawValue, String(seq), kind.rawValue, reference, String(AuditEntry.milliseconds(occurredAt)), actor, digest]
            .joined(separator: "\u{1F}")
    }

    /// A time as whole milliseconds since 1970, as storage keeps it.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
