import Crypto
import Foundation
import KlageKernel
import KlageRPC
import KlageStorage

/// Signs people in to the console, through their municipality's identity provider (a ``KlageKernel/Person``)
/// or, break-glass, with a personal API key, and finds their sessions again.
///
/// The cookie holds a random token (256 bits); the database holds its SHA-256 and the key's id, so
/// every instance on the same database knows the session, and a copy of the database signs no one in.
/// The CSRF token is derived from the session token, so it needs no storage and dies with the session.
struct ConsoleSessions: Sendable {
    let store: SQLKlageStore
    let keys: APIKeyService
    let settings: ConsoleSettings
    /// Whether a pasted key may sign in to a tenant's console (``OIDCSignIn/keysAllowed(for:)``).
    var keysAllowed: @Sendable (TenantID) -> Bool = { _ in true }

    /// The roles that may use the console.
    static let roles: Set<Role> = [.admin, .leader, .caseworker]

    /// Who a session belongs to, as the page is told.
    struct Identity: Sendable {
        let role: Role
        let tenant: Tenant
        /// The key's label, or the person's name.
        let label: String
        /// The person of a sign-in through the identity provider; `nil` for a key's session.
        var person: Person?
        /// Who the session's calls are made as.
        var actor: Principal? { person?.actor }
    }

    /// A session found from its cookie.
    struct Session: Sendable {
        let token: String
        let record: ConsoleSessionRecord
        var csrf: String { ConsoleSessions.csrfToken(for: token) }
    }

    enum SignInError: Error {
        /// The key is unknown, revoked, or not a tenant key.
        case unauthenticated
        /// The key's role may not use the console (integration, operator).
        case forbidden
        /// The tenant signs in through its identity provider, and break-glass keys are off.
        case keysOff
    }

    /// Signs in with `secret`. - Returns: the new session's token and who it belongs to.
    func signIn(secret: String, now: Date = Date()) async throws -> (token: String, identity: Identity, expiresAt: Date) {
        let hash = APIKeyService.hash(secret)
        let actor: Principal
        let tenant: Tenant?
        do {
            (actor, tenant) = try await keys.authenticate(secret)
        } catch let error as KlageError where error.code == .unauthenticated {
            throw SignInError.unauthenticated
        }
        guard let tenant, Self.roles.contains(actor.role), let (key, _) = try await store.key(hash: hash) else { throw SignInError.forbidden }
        guard keysAllowed(tenant.id) else { throw SignInError.keysOff }
        try? await store.deleteExpiredConsoleSessions(now: now, idleSince: now.addingTimeInterval(-settings.idleTimeout))
        let token = SecretToken.make()
        let expiresAt = now.addingTimeInterval(settings.lifetime)
        try await store.insertConsoleSession(tokenHash: Self.hash(token), keyID: key.id, at: now, expiresAt: expiresAt)
        return (token, Identity(role: actor.role, tenant: tenant, label: key.label), expiresAt)
    }

    /// Signs in the person of `claims` (after their provider's id token verified): records the person,
    /// then opens a session keeping `idToken` for the provider's sign-out.
    /// - Returns: the new session's token and who it belongs to; `nil` when their groups grant no console role.
    func signIn(_ claims: PersonClaims, idToken: String, now: Date = Date()) async throws -> (token: String, identity: Identity, expiresAt: Date)? {
        guard let tenant = try await store.tenant(claims.tenant) else { return nil }
        let person = try await store.recordSignIn(claims, at: now)
        guard let role = person.role, Self.roles.contains(role) else { return nil }
        try? await store.deleteExpiredConsoleSessions(now: now, idleSince: now.addingTimeInterval(-settings.idleTimeout))
        let token = SecretToken.make()
        let expiresAt = now.addingTimeInterval(settings.lifetime)
        try await store.insertConsoleSession(tokenHash: Self.hash(token), person: person.id, idTokenHint: idToken, at: now, expiresAt: expiresAt)
        return (token, Identity(role: role, tenant: tenant, label: person.name, person: person), expiresAt)
    }

    /// The live session of a cookie's token, its last use moved to `now` (at most once a ``ConsoleSettings/touchInterval``).
    func session(token: String, now: Date = Date()) async throws -> Session? {
        guard
            let record = try await store.consoleSession(
                tokenHash: Self.hash(token), now: now, idleSince: now.addingTimeInterval(-settings.idleTimeout))
        else { return nil }
        if now.timeIntervalSince(record.lastSeenAt) >= settings.touchInterval {
            try await store.touchConsoleSession(tokenHash: record.tokenHash, at: now)
        }
        return Session(token: token, record: record)
    }

    /// Whether the session of `token` still lives, read without counting as its use: a page left open
    /// with a live socket does not keep its session from ending when idle.
    func isLive(token: String, now: Date = Date()) async throws -> Bool {
        try await store.consoleSession(tokenHash: Self.hash(token), now: now, idleSince: now.addingTimeInterval(-settings.idleTimeout)) != nil
    }

    /// Who a session belongs to; `nil` when its key no longer authenticates, or its person is gone or has no role.
    func identity(of session: Session) async throws -> Identity? {
        switch session.record.owner {
        case .key(_, let hash):
            guard let (key, tenant) = try await store.key(hash: hash), key.revokedAt == nil, let tenant else { return nil }
            return Identity(role: key.role, tenant: tenant, label: key.label)
        case .person(let id):
            guard let person = try await store.person(id), let role = person.role, Self.roles.contains(role),
                let tenant = try await store.tenant(person.tenant)
            else { return nil }
            return Identity(role: role, tenant: tenant, label: person.name, person: person)
        }
    }

    /// Ends a session.
    func signOut(_ session: Session) async throws {
        try await store.deleteConsoleSession(tokenHash: session.record.tokenHash)
    }

    /// The hex SHA-256 of a token.
    static func hash(_ token: String) -> String {
        Hex.string(SHA256.hash(data: Data(token.utf8)))
    }

    /// The CSRF token of a session: a hash of its token under a fixed label, which only the holder of
    /// the cookie can compute, and which the page gets from a same-origin JSON response.
    static func csrfToken(for token: String) -> String {
        Hex.string(SHA256.hash(data: Data(("klage-console-csrf\u{0}" + token).utf8)))
    }

    /// Compares two strings in time independent of where they differ.
    static func equalInConstantTime(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
