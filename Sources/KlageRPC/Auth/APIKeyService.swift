import Crypto
import Foundation
public import KlageKernel

/// Issues, checks and revokes API keys. Keys are random and shown once; only their SHA-256 is stored.
///
/// A key looks like `klage_` followed by 43 URL-safe characters (256 random bits), so a fast hash
/// is enough: there is nothing to guess.
public struct APIKeyService: Sendable {
    private let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// A new key for a tenant role, or a host operator key when `tenant` is `nil`.
    ///
    /// - Returns: the stored key and the secret, which is never shown again.
    public func create(tenant: TenantID?, role: Role, label: String) async throws -> (key: APIKey, secret: String) {
        if let tenant {
            guard role != .operator else { throw KlageError.validation(field: "role", reason: "operator keys belong to no tenant") }
            guard try await env.store.tenant(tenant) != nil else { throw KlageError.notFound("tenant") }
        } else if role != .operator {
            throw KlageError.validation(field: "tenant", reason: "required for role '\(role.rawValue)'")
        }
        let label = try Validate.text(label, field: "label", max: 200)
        let secret = "klage_" + SecretToken.make()
        let key = APIKey(id: env.ids.next(), tenant: tenant, role: role, label: label, hash: env.hashSecret(secret), createdAt: env.clock.now())
        try await env.store.insertKey(key)
        return (key, secret)
    }

    /// The actor and tenant of a bearer key. - Throws: unauthenticated for an unknown or revoked key.
    public func authenticate(_ secret: String) async throws -> (actor: Principal, tenant: Tenant?) {
        guard secret.hasPrefix("klage_"), secret.count < 100 else { throw KlageError.unauthenticated() }
        return try await authenticate(keyHash: env.hashSecret(secret))
    }

    /// The actor and tenant of the key whose stored hash is `hash`: a bearer key's (``authenticate(_:)``
    /// checks the secret's form, then comes here), or a web console session's, whose secret the server
    /// never keeps.
    ///
    /// - Throws: unauthenticated for an unknown or revoked key.
    public func authenticate(keyHash hash: String) async throws -> (actor: Principal, tenant: Tenant?) {
        guard let (key, tenant) = try await env.store.key(hash: hash), key.revokedAt == nil, (key.tenant == nil) == (tenant == nil) else {
            throw KlageError.unauthenticated()
        }
        return (key.actor, tenant)
    }

    /// Revokes a key; tenant admins only their own tenant's keys.
    public func revoke(_ id: APIKeyID, by actor: Principal) async throws {
        let scope = actor.role == .operator ? nil : actor.tenant
        guard try await env.store.revokeKey(id, tenant: scope, at: env.clock.now()) else { throw KlageError.notFound("API key") }
    }

    /// The hex SHA-256 of a secret.
    public static func hash(_ secret: String) -> String {
        Hex.string(SHA256.hash(data: Data(secret.utf8)))
    }
}
