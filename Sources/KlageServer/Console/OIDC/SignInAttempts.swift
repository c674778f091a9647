import Crypto
import Foundation
import KlageKernel
import KlageStorage

/// The sign-ins under way: what the callback needs of each (tenant, nonce, PKCE verifier), found by
/// its `state`, bound to the browser that started it by a cookie, good for ``lifetime`` and used once.
///
/// Kept in the database (`sign_in_attempts`, by the hash of the state and of the binding), so the
/// callback may reach any instance; at most ``capacity`` live at once (more are refused as busy).
struct SignInAttempts: Sendable {
    /// One sign-in under way.
    struct Attempt: Sendable, Equatable {
        let tenant: TenantID
        let nonce: String
        let verifier: String
    }

    /// What a new attempt hands the browser and the provider.
    struct Started: Sendable {
        let state: String
        let nonce: String
        let challenge: String
        /// The value of the browser's binding cookie.
        let binding: String
    }

    let store: SQLKlageStore
    let lifetime: TimeInterval
    let capacity: Int

    init(store: SQLKlageStore, lifetime: TimeInterval = 600, capacity: Int = 10_000) {
        self.store = store
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Starts an attempt for `tenant`: fresh state, nonce, PKCE verifier and binding.
    /// - Throws: ``KlageKernel/KlageError`` `unavailable` when ``capacity`` attempts are under way, or storage's.
    func start(tenant: TenantID, now: Date = Date()) async throws -> Started {
        let (state, nonce, verifier, binding) = (SecretToken.make(), SecretToken.make(), SecretToken.make(), SecretToken.make())
        try await store.insertSignInAttempt(
            SignInAttemptRecord(
                stateHash: Self.hash(state), tenant: tenant, nonce: nonce, verifier: verifier, bindingHash: Self.hash(binding),
                expiresAt: now.addingTimeInterval(lifetime)), now: now, capacity: capacity)
        return Started(state: state, nonce: nonce, challenge: Self.challenge(for: verifier), binding: binding)
    }

    /// Takes the attempt of `state` (it is gone after, whatever the outcome): `nil` when unknown,
    /// expired, or started by another browser (`binding` is not its cookie).
    func take(state: String, binding: String?, now: Date = Date()) async throws -> Attempt? {
        guard let record = try await store.takeSignInAttempt(stateHash: Self.hash(state)), record.expiresAt > now, let binding,
            ConsoleSessions.equalInConstantTime(Self.hash(binding), record.bindingHash)
        else { return nil }
        return Attempt(tenant: record.tenant, nonce: record.nonce, verifier: record.verifier)
    }

    /// The PKCE S256 challenge of `verifier` (RFC 7636): base64url of its SHA-256, without padding.
    static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static func hash(_ value: String) -> String { Hex.string(SHA256.hash(data: Data(value.utf8))) }
}
