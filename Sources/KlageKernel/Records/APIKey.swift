public import Foundation

/// An API key as stored: its id, owner, role and the hash of the secret, never the secret itself.
///
/// A key may expire (``expiresAt``), and may be rotated: a new secret replaces ``hash``, and the old
/// one (``previousHash``) keeps working until ``previousValidUntil``, so a machine can switch without
/// an outage. ``lastUsedAt`` is written at most about once a minute per key.
public struct APIKey: Sendable, Hashable, Codable {
    public let id: APIKeyID
    /// The tenant the key belongs to; `nil` for a host operator key.
    public let tenant: TenantID?
    public let role: Role
    public let label: String
    /// The hex SHA-256 of the secret key.
    public var hash: String
    public let createdAt: Date
    public var revokedAt: Date?
    /// After this time the key is refused; `nil` for a key that does not expire.
    public var expiresAt: Date?
    /// The hex SHA-256 of the secret before the last rotation, accepted until ``previousValidUntil``.
    public var previousHash: String?
    /// When the secret before the last rotation stops working.
    public var previousValidUntil: Date?
    /// When the key was last used to authenticate, to about a minute.
    public var lastUsedAt: Date?

    public init(
        id: APIKeyID, tenant: TenantID?, role: Role, label: String, hash: String, createdAt: Date, revokedAt: Date? = nil,
        expiresAt: Date? = nil, previousHash: String? = nil, previousValidUntil: Date? = nil, lastUsedAt: Date? = nil
    ) {
        self.id = id
        self.tenant = tenant
        self.role = role
        self.label = label
        self.hash = hash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.expiresAt = expiresAt
        self.previousHash = previousHash
        self.previousValidUntil = previousValidUntil
        self.lastUsedAt = lastUsedAt
    }

    /// The actor this key acts as.
    public var actor: Principal { Principal(id: id.rawValue, tenant: tenant, role: role, label: label) }

    /// Whether the key has expired at `now`.
    public func isExpired(at now: Date) -> Bool {
        expiresAt.map { now >= $0 } ?? false
    }
}
