public import Foundation
public import KlageKernel

/// A signed-in browser of the web console, as stored in `console_sessions`: a person signed in through
/// their municipality's identity provider, or (break-glass) an API key, with the key's stored hash
/// (how the dispatcher authenticates it, as it does a bearer key).
public struct ConsoleSessionRecord: Sendable, Equatable {
    /// The SHA-256 (hex) of the cookie's token.
    public let tokenHash: String
    /// Whose session it is.
    public let owner: Owner
    /// The provider's id token of a person's sign-in, sent back as `id_token_hint` at sign-out.
    public let idTokenHint: String?
    public let createdAt: Date
    public let lastSeenAt: Date
    /// The absolute end of the session, whatever its use.
    public let expiresAt: Date

    /// Whose a session is.
    public enum Owner: Sendable, Equatable {
        /// A person signed in through the tenant's identity provider.
        case person(PersonID)
        /// A pasted API key (break-glass), with the key's stored hash.
        case key(APIKeyID, hash: String)
    }

    /// The key's stored hash (`api_keys.hash`) of a key's session.
    public var keyHash: String? {
        if case .key(_, let hash) = owner { return hash }
        return nil
    }
}

extension SQLKlageStore {
    /// Stores a new session of `keyID`. Host transaction: `api_keys` and its sessions are the host's.
    public func insertConsoleSession(tokenHash: String, keyID: APIKeyID, at date: Date, expiresAt: Date) async throws {
        _ = try await write(nil) { connection in
            try connection.execute(
                """
                INSERT INTO console_sessions (token_hash, key_id, created_at, last_seen_at, expires_at)
                VALUES (\(tokenHash), \(keyID), \(date), \(date), \(expiresAt))
                """)
        }
    }

    /// Stores a new session of `person`, with the provider's id token for the sign-out's `id_token_hint`.
    public func insertConsoleSession(tokenHash: String, person: PersonID, idTokenHint: String?, at date: Date, expiresAt: Date) async throws {
        _ = try await write(nil) { connection in
            try connection.execute(
                """
                INSERT INTO console_sessions (token_hash, person_id, id_token_hint, created_at, last_seen_at, expires_at)
                VALUES (\(tokenHash), \(person), \(idTokenHint), \(date), \(date), \(expiresAt))
                """)
        }
    }

    /// The live session with `tokenHash`: `nil` when there is none, when it passed its absolute end or
    /// was idle since before `idleSince`, or when its key was revoked (a dead one is deleted then).
    public func consoleSession(tokenHash: String, now: Date, idleSince: Date) async throws -> ConsoleSessionRecord? {
        let found = try await read(nil) { connection -> (ConsoleSessionRecord, Bool)? in
            guard
                let row = try connection.queryFirst(
                    """
                    SELECT s.token_hash, s.key_id, s.person_id, s.id_token_hint, s.created_at, s.last_seen_at, s.expires_at, k.hash, k.revoked_at
                    FROM console_sessions s LEFT JOIN api_keys k ON k.id = s.key_id WHERE s.token_hash = \(tokenHash)
                    """)
            else { return nil }
            let owner: ConsoleSessionRecord.Owner
            if let person = row.optionalString("person_id") {
                owner = .person(PersonID(person))
            } else {
                owner = .key(try row.value("key_id"), hash: try row.string("hash"))
            }
            let record = ConsoleSessionRecord(
                tokenHash: try row.string("token_hash"), owner: owner, idTokenHint: row.optionalString("id_token_hint"),
                createdAt: try row.date("created_at"), lastSeenAt: try row.date("last_seen_at"), expiresAt: try row.date("expires_at"))
            let alive = row.optionalDate("revoked_at") == nil && record.expiresAt > now && record.lastSeenAt >= idleSince
            return (record, alive)
        }
        guard let (record, alive) = found else { return nil }
        if !alive {
            _ = try await deleteConsoleSession(tokenHash: tokenHash)
            return nil
        }
        return record
    }

    /// Moves a session's last use to `date` (the idle timeout counts from there).
    public func touchConsoleSession(tokenHash: String, at date: Date) async throws {
        _ = try await write(nil) { connection in
            try connection.execute("UPDATE console_sessions SET last_seen_at = \(date) WHERE token_hash = \(tokenHash)")
        }
    }

    /// Ends a session. - Returns: whether there was one.
    @discardableResult
    public func deleteConsoleSession(tokenHash: String) async throws -> Bool {
        try await write(nil) { connection in
            try connection.execute("DELETE FROM console_sessions WHERE token_hash = \(tokenHash)") > 0
        }
    }

    /// Deletes the sessions past their absolute end or idle since before `idleSince`. - Returns: how many.
    @discardableResult
    public func deleteExpiredConsoleSessions(now: Date, idleSince: Date) async throws -> Int {
        try await write(nil) { connection in
            try connection.execute("DELETE FROM console_sessions WHERE expires_at <= \(now) OR last_seen_at < \(idleSince)")
        }
    }
}
