public import Foundation
public import KlageKernel

/// A signed-in browser of the web console, as stored in `console_sessions`, with the stored hash of
/// its API key (how the dispatcher authenticates it, as it does a bearer key).
public struct ConsoleSessionRecord: Sendable, Equatable {
    /// The SHA-256 (hex) of the cookie's token.
    public let tokenHash: String
    /// The person's API key: every call of the session is this key's.
    public let keyID: APIKeyID
    /// The key's stored hash (`api_keys.hash`).
    public let keyHash: String
    public let createdAt: Date
    public let lastSeenAt: Date
    /// The absolute end of the session, whatever its use.
    public let expiresAt: Date
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

    /// The live session with `tokenHash`: `nil` when there is none, when it passed its absolute end or
    /// was idle since before `idleSince`, or when its key was revoked (a dead one is deleted then).
    public func consoleSession(tokenHash: String, now: Date, idleSince: Date) async throws -> ConsoleSessionRecord? {
        let found = try await read(nil) { connection -> (ConsoleSessionRecord, Bool)? in
            guard
                let row = try connection.queryFirst(
                    """
                    SELECT s.token_hash, s.key_id, s.created_at, s.last_seen_at, s.expires_at, k.hash, k.revoked_at
                    FROM console_sessions s JOIN api_keys k ON k.id = s.key_id WHERE s.token_hash = \(tokenHash)
                    """)
            else { return nil }
            let record = ConsoleSessionRecord(
                tokenHash: try row.string("token_hash"), keyID: try row.value("key_id"), keyHash: try row.string("hash"),
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
