public import Foundation

/// One link of the host's audit chain (`host_audit_chain`): what a host operator (or the host's own
/// configuration) did to keys and tenants.
///
/// Appended in the transaction that makes the change. Like a tenant's ``AuditEntry`` it holds no
/// personal data (ids, a kind, the actor's id, a time and a digest of the change), and ``hash`` is
/// SHA-256 over ``previousHash`` followed by the entry's canonical text.
public struct HostAuditEntry: Sendable, Hashable, Codable {
    /// What an entry records.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An API key was minted (`reference` is the key's id).
        case keyCreated = "key.created"
        /// An API key was given a new secret (`reference` is the key's id).
        case keyRotated = "key.rotated"
        /// An API key was revoked (`reference` is the key's id).
        case keyRevoked = "key.revoked"
        /// A tenant was created (`reference` is the tenant's id).
        case tenantCreated = "tenant.created"
        /// A tenant's name, plug-ins or settings changed (`reference` is the tenant's id).
        case tenantChanged = "tenant.changed"
    }

    /// 1, 2, 3, … without gaps.
    public let seq: Int
    public let kind: Kind
    /// The key's or the tenant's id.
    public let reference: String
    public let occurredAt: Date
    /// The id of the actor: an operator key's id, `configuration` or `cli`.
    public let actor: String
    /// SHA-256 (hex) of the change's non-secret content.
    public let digest: String
    /// The hash of entry `seq - 1`, or ``AuditEntry/genesis`` for the first.
    public let previousHash: String
    /// SHA-256 (hex) of `previousHash` followed by ``canonicalText``.
    public let hash: String

    public init(seq: Int, kind: Kind, reference: String, occurredAt: Date, actor: String, digest: String, previousHash: String, hash: String) {
        self.seq = seq
        self.kind = kind
        self.reference = reference
        self.occurredAt = occurredAt
        self.actor = actor
        self.digest = digest
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The entry as the text its hash covers (fields separated by U+001F, the time in milliseconds).
    public var canonicalText: String {
        HostAuditEntry.canonicalText(seq: seq, kind: kind, reference: reference, occurredAt: occurredAt, actor: actor, digest: digest)
    }

    /// The actor id of changes made by the host's configuration at start-up.
    public static let configurationActor = "configuration"
    /// The actor id of changes made with the `klage` command line on the host.
    public static let commandLineActor = "cli"

    /// The canonical text of an entry with these fields; `host` first, so no tenant entry has the same text.
    public static func canonicalText(seq: Int, kind: Kind, reference: String, occurredAt: Date, actor: String, digest: String) -> String {
        ["host", String(seq), kind.rawValue, reference, String(AuditEntry.milliseconds(occurredAt)), actor, digest].joined(separator: "\u{1F}")
    }
}
