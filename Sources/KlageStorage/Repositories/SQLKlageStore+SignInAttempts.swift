public import Foundation
public import KlageKernel

/// A console sign-in under way through a tenant's identity provider, as `sign_in_attempts` keeps it.
public struct SignInAttemptRecord: Sendable, Equatable {
    /// The SHA-256 (hex) of the attempt's `state`.
    public let stateHash: String
    public let tenant: TenantID
    /// The nonce the id token must carry.
    public let nonce: String
    /// The PKCE verifier the code is redeemed with.
    public let verifier: String
    /// The SHA-256 (hex) of the browser's binding cookie.
    public let bindingHash: String
    public let expiresAt: Date

    public init(stateHash: String, tenant: TenantID, nonce: String, verifier: String, bindingHash: String, expiresAt: Date) {
        self.stateHash = stateHash
        self.tenant = tenant
        self.nonce = nonce
        self.verifier = verifier
        self.bindingHash = bindingHash
        self.expiresAt = expiresAt
    }
}

extension SQLKlageStore {
    /// Stores an attempt, after deleting the expired ones; refuses one past `capacity` live attempts.
    ///
    /// - Throws: ``KlageKernel/KlageError`` `unavailable` (retryable) when `capacity` attempts are live.
    public func insertSignInAttempt(_ attempt: SignInAttemptRecord, now: Date, capacity: Int) async throws {
        let full = try await write(nil) { connection -> Bool in
            try connection.execute("DELETE FROM sign_in_attempts WHERE expires_at <= \(now)")
            let live = try connection.queryFirst("SELECT count(*) AS n FROM sign_in_attempts")?["n"].integer ?? 0
            guard live < capacity else { return true }
            try connection.execute(
                """
                INSERT INTO sign_in_attempts (state_hash, tenant_id, nonce, verifier, binding_hash, expires_at)
                VALUES (\(attempt.stateHash), \(attempt.tenant), \(attempt.nonce), \(attempt.verifier), \(attempt.bindingHash), \(attempt.expiresAt))
                """)
            return false
        }
        if full { throw KlageError.unavailable("too many sign-ins under way; try again in a minute") }
    }

    /// Takes the attempt with `stateHash`: it is deleted whatever the caller decides; `nil` when there is none.
    public func takeSignInAttempt(stateHash: String) async throws -> SignInAttemptRecord? {
        try await write(nil) { connection in
            guard
                let row = try connection.queryFirst(
                    "DELETE FROM sign_in_attempts WHERE state_hash = \(stateHash) RETURNING tenant_id, nonce, verifier, binding_hash, expires_at")
            else { return nil }
            return SignInAttemptRecord(
                stateHash: stateHash, tenant: TenantID(try row.string("tenant_id")), nonce: try row.string("nonce"),
                verifier: try row.string("verifier"), bindingHash: try row.string("binding_hash"), expiresAt: try row.date("expires_at"))
        }
    }
}
