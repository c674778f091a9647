extension Schema {
    /// Sessions of the web console: one row per signed-in browser, found by the SHA-256 of the cookie's
    /// random token (the token itself is never stored), pointing at the person's API key. A host table
    /// like `api_keys`: read and written in host transactions, never by the application role.
    static let consoleSessions = Migration(
        id: 13, name: "console sessions",
        statements: [
            """
            CREATE TABLE console_sessions (
                token_hash TEXT PRIMARY KEY,
                key_id TEXT NOT NULL REFERENCES api_keys (id),
                created_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX console_sessions_key ON console_sessions (key_id)",
            "CREATE INDEX console_sessions_expiry ON console_sessions (expires_at)",
        ])
}
