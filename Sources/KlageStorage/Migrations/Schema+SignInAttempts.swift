extension Schema {
    /// The console's sign-ins under way through a tenant's identity provider (`sign_in_attempts`), found
    /// by the hash of their `state`, so a callback may reach any instance, not only the one the sign-in
    /// started on. A host table, like `console_sessions`; each row lives ten minutes and is used once.
    static let signInAttempts = Migration(
        id: 22, name: "sign-in attempts",
        statements: [
            """
            CREATE TABLE sign_in_attempts (
                state_hash TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                nonce TEXT NOT NULL,
                verifier TEXT NOT NULL,
                binding_hash TEXT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX sign_in_attempts_expiry ON sign_in_attempts (expires_at)",
        ],
        postgresStatements: ["REVOKE ALL ON sign_in_attempts FROM klage_app"])
}
