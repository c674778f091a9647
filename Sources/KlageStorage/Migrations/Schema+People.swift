extension Schema {
    /// People of the console signed in through their municipality's identity provider (OpenID Connect):
    /// one row per tenant, issuer and subject. A host table like `api_keys` and `console_sessions`:
    /// written at sign-in in host transactions, never by the application role.
    ///
    /// `console_sessions` is made anew so a session belongs to a key (break-glass sign-in) or to a
    /// person, and keeps the provider's id token for its sign-out (`id_token_hint`). Sessions are
    /// short-lived: everyone signed in signs in again after this migration.
    static let people = Migration(
        id: 19, name: "people",
        statements: [
            """
            CREATE TABLE people (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                issuer TEXT NOT NULL,
                subject TEXT NOT NULL,
                name TEXT NOT NULL,
                email TEXT,
                roles TEXT NOT NULL,
                departments TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX people_subject ON people (tenant_id, issuer, subject)",
            "DROP TABLE console_sessions",
            """
            CREATE TABLE console_sessions (
                token_hash TEXT PRIMARY KEY,
                key_id TEXT REFERENCES api_keys (id),
                person_id TEXT REFERENCES people (id),
                id_token_hint TEXT,
                created_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                CHECK ((key_id IS NULL) <> (person_id IS NULL))
            )
            """,
            "CREATE INDEX console_sessions_key ON console_sessions (key_id)",
            "CREATE INDEX console_sessions_person ON console_sessions (person_id)",
            "CREATE INDEX console_sessions_expiry ON console_sessions (expires_at)",
        ])
}
