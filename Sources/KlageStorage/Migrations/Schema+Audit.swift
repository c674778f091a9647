extension Schema {
    /// The tamper-evident audit trail: one hash chain per tenant (`audit_chain`) and its head
    /// (`audit_heads`: the last `seq` and `hash`), which every append locks so that a tenant's
    /// entries are numbered without gaps or forks. On PostgreSQL the application role may only read
    /// and append the chain: no `UPDATE` or `DELETE` is granted, so nothing in the API can change it.
    /// Rows written before this migration are not in the chain; it starts with the first write after it.
    static let audit = Migration(
        id: 11, name: "audit chain",
        statements: [
            """
            CREATE TABLE audit_chain (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                seq BIGINT NOT NULL,
                \(auditLinkColumns),
                PRIMARY KEY (tenant_id, seq)
            )
            """,
            """
            CREATE TABLE audit_heads (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                seq BIGINT NOT NULL,
                hash TEXT NOT NULL,
                PRIMARY KEY (tenant_id)
            )
            """,
        ],
        postgresStatements: [
            "GRANT SELECT, INSERT ON audit_chain TO klage_app",
            "GRANT SELECT, INSERT, UPDATE ON audit_heads TO klage_app",
        ] + isolatingTenants(of: ["audit_chain", "audit_heads"]))

    /// The columns of an audit chain's entry after its key (``AuditChainEntry``), in both chains' tables.
    static let auditLinkColumns = """
        kind TEXT NOT NULL,
        reference TEXT NOT NULL,
        occurred_at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        digest TEXT NOT NULL,
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL
        """
}
