public import Foundation

/// An API key as stored: its id, owner, role and the hash of the secret, never the secret itself.
public struct APIKey: Sendable, Hashable, Codable {
    public let id: APIKeyID
    /// The tenant the key belongs to; `nil` for a host operator key.
    public let tenant: TenantID?
    public let role: Role
    public let label: String
    /// The hex SHA-256 of the secret key.
    public let hash: String
    public let createdAt: Date
    public var revokedAt: Date?

    public init(id: APIKeyID, tenant: TenantID?, role: Role, label: String, hash: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.tenant = tenant
        self.role = role
        self.label = label
        self.hash = hash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// The actor this key acts as.
    public var actor: Principal { Principal(id: id.rawValue, tenant: tenant, role: role, label: label) }
}
