extension Schema {
    /// Keys for machines, and the host's own audit chain.
    ///
    /// `api_keys` gains an optional expiry (`expires_at`), the hash of the secret before the last
    /// rotation with the time it stops working (`previous_hash`, `previous_valid_until`; unique, so a
    /// secret finds one key either way) and the time of last use (`last_used_at`, written at most about
    /// once a minute per key).
    ///
    /// `host_audit_chain` is a hash chain like a tenant's (`audit_chain`), of what host operators do:
    /// keys minted, rotated and revoked, tenants created and their settings changed. `host_audit_head`
    /// holds its one head row (`id` 1), which every append locks. Like `api_keys`, both are read and
    /// written in host transactions only: on PostgreSQL the application role is granted nothing on them.
    static let keysAndHostAudit = Migration(
        id: 18, name: "key lifecycle and host audit chain",
        statements: [
            "ALTER TABLE api_keys ADD COLUMN expires_at BIGINT",
            "ALTER TABLE api_keys ADD COLUMN previous_hash TEXT",
            "ALTER TABLE api_keys ADD COLUMN previous_valid_until BIGINT",
            "ALTER TABLE api_keys ADD COLUMN last_used_at BIGINT",
            "CREATE UNIQUE INDEX api_keys_previous_hash ON api_keys (previous_hash)",
            """
            CREATE TABLE host_audit_chain (
                seq BIGINT NOT NULL PRIMARY KEY,
                \(auditLinkColumns)
            )
            """,
            """
            CREATE TABLE host_audit_head (
                id INTEGER NOT NULL PRIMARY KEY,
                seq BIGINT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
        ],
        postgresStatements: ["REVOKE ALL ON host_audit_chain, host_audit_head FROM klage_app"])
}
