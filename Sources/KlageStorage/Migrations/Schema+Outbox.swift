extension Schema {
    /// The outbox of plug-in hooks: one row per stored event that a plug-in hooks, written in the
    /// event's transaction, until every hook of the tenant has succeeded (`done`) or the attempts run
    /// out (`dead`). The dispatcher reads each tenant's due rows through `outbox_due`.
    static let outbox = Migration(
        id: 8, name: "outbox",
        statements: [
            """
            CREATE TABLE outbox (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                event_id TEXT NOT NULL,
                event_type TEXT NOT NULL,
                state TEXT NOT NULL,
                done_hooks TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at BIGINT NOT NULL,
                last_error TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, event_id),
                FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id)
            )
            """,
            "CREATE INDEX outbox_due ON outbox (tenant_id, state, next_attempt_at)",
        ],
        postgresStatements: ["GRANT SELECT, INSERT, UPDATE ON outbox TO klage_app"] + isolatingTenants(of: ["outbox"]))
}
