import Crypto
public import Foundation
public import KlageKernel

/// Issues, checks, lists, rotates and revokes API keys. Keys are random and shown once; only their
/// SHA-256 is stored.
///
/// A key looks like `klage_` followed by 43 URL-safe characters (256 random bits), so a fast hash
/// is enough: there is nothing to guess. A key may expire; a rotated key's old secret works until the
/// time given at rotation. Minting, rotation and revocation go on the host's audit chain.
public struct APIKeyService: Sendable {
    private let env: ServiceEnvironment

    /// The longest a key may live, and the longest a rotated-out secret may keep working.
    public static let longestLifetime: TimeInterval = 5 * 366 * 86_400
    public static let longestOverlap: TimeInterval = 30 * 86_400

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// A new key for a tenant role, or a host operator key when `tenant` is `nil`, minted by `actor`
    /// (an operator key's id, or ``HostAuditEntry/commandLineActor``); it expires at `expiresAt` when given.
    ///
    /// - Returns: the stored key and the secret, which is never shown again.
    /// - Throws: validation for a role that does not fit, or an expiry not in the next five years.
    public func create(
        tenant: TenantID?, role: Role, label: String, expiresAt: Date? = nil, by actor: String = HostAuditEntry.commandLineActor
    ) async throws -> (key: APIKey, secret: String) {
        if let tenant {
            guard role != .operator else { throw KlageError.validation(field: "role", reason: "operator keys belong to no tenant") }
            guard try await env.store.tenant(tenant) != nil else { throw KlageError.notFound("tenant") }
        } else if role != .operator {
            throw KlageError.validation(field: "tenant", reason: "required for role '\(role.rawValue)'")
        }
        let label = try Validate.text(label, field: "label", max: 200)
        let now = env.clock.now()
        if let expiresAt {
            guard expiresAt > now else { throw KlageError.validation(field: "expiresAt", reason: "must be in the future") }
            guard expiresAt.timeIntervalSince(now) <= Self.longestLifetime else {
                throw KlageError.validation(field: "expiresAt", reason: "at most five years ahead")
            }
        }
        let secret = "klage_" + SecretToken.make()
        let key = APIKey(
            id: env.ids.next(), tenant: tenant, role: role, label: label, hash: env.hashSecret(secret), createdAt: now, expiresAt: expiresAt)
        try await env.store.insertKey(key, by: actor)
        return (key, secret)
    }

    /// The actor and tenant of a bearer key. - Throws: unauthenticated for an unknown, revoked or expired key.
    public func authenticate(_ secret: String) async throws -> (actor: Principal, tenant: Tenant?) {
        guard secret.hasPrefix("klage_"), secret.count < 100 else { throw KlageError.unauthenticated() }
        return try await authenticate(keyHash: env.hashSecret(secret))
    }

    /// The actor and tenant of the key whose stored hash is `hash`: a bearer key's (``authenticate(_:)``
    /// checks the secret's form, then comes here), or a web console session's, whose secret the server
    /// never keeps. A use is recorded (``KlageKernel/APIKeyStore/recordKeyUse(_:at:)``, about once a minute).
    ///
    /// - Throws: unauthenticated for an unknown or revoked key, an expired one, or a rotated-out
    ///   secret past its overlap, saying which of the last two it is.
    public func authenticate(keyHash hash: String) async throws -> (actor: Principal, tenant: Tenant?) {
        guard let (key, tenant) = try await env.store.key(hash: hash), key.revokedAt == nil, (key.tenant == nil) == (tenant == nil) else {
            throw KlageError.unauthenticated()
        }
        let now = env.clock.now()
        if let expiresAt = key.expiresAt, now >= expiresAt {
            throw KlageError.unauthenticated("the API key expired at \(Self.text(expiresAt)); ask for a new one")
        }
        if key.hash != hash {
            // Found by its secret before the last rotation.
            guard let until = key.previousValidUntil, now < until else {
                throw KlageError.unauthenticated(
                    "this API key was rotated; its old secret stopped working at \(key.previousValidUntil.map(Self.text) ?? "rotation")")
            }
        }
        try? await env.store.recordKeyUse(key.id, at: now)
        return (key.actor, tenant)
    }

    /// The keys `actor` may see, without secrets: a host operator every key (or `tenant`'s), a tenant
    /// admin those of their own tenant.
    public func list(tenant: TenantID?, by actor: Principal) async throws -> [APIKey] {
        if actor.role == .operator { return try await env.store.keys(tenant: tenant) }
        guard let own = actor.tenant, actor.role == .admin else { throw KlageError.forbidden("only admins and host operators list keys") }
        if let tenant, tenant != own { throw KlageError.notFound("tenant") }
        return try await env.store.keys(tenant: own)
    }

    /// Gives a live key a new secret; the old one keeps working for `overlap` seconds (at most 30 days;
    /// 0 ends it at once). Tenant admins rotate only their own tenant's keys.
    ///
    /// - Returns: the key as stored and the new secret, which is never shown again.
    /// - Throws: not found for no such live key; validation for an overlap out of range.
    public func rotate(_ id: APIKeyID, overlap: TimeInterval, by actor: Principal) async throws -> (key: APIKey, secret: String) {
        guard overlap >= 0, overlap <= Self.longestOverlap else {
            throw KlageError.validation(field: "overlapSeconds", reason: "between 0 and \(Int(Self.longestOverlap)) (30 days)")
        }
        let now = env.clock.now()
        let secret = "klage_" + SecretToken.make()
        guard
            let key = try await env.store.rotateKey(
                id, tenant: scope(of: actor), hash: env.hashSecret(secret), oldValidUntil: now.addingTimeInterval(overlap), at: now, by: actor.id)
        else { throw KlageError.notFound("live API key") }
        return (key, secret)
    }

    /// Revokes a key; tenant admins only their own tenant's keys.
    public func revoke(_ id: APIKeyID, by actor: Principal) async throws {
        guard try await env.store.revokeKey(id, tenant: scope(of: actor), at: env.clock.now(), by: actor.id) else {
            throw KlageError.notFound("API key")
        }
    }

    /// The tenant whose keys `actor` may change; `nil` (every key) for a host operator.
    private func scope(of actor: Principal) -> TenantID? {
        actor.role == .operator ? nil : actor.tenant ?? TenantID("")
    }

    /// A time as ISO 8601 in UTC, for error messages.
    private static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// The hex SHA-256 of a secret.
    public static func hash(_ secret: String) -> String {
        Hex.string(SHA256.hash(data: Data(secret.utf8)))
    }
}
