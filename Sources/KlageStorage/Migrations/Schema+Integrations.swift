extension Schema {
    /// Integrations: webhooks (a tenant's endpoints, with their signing secret and their position in
    /// the tenant's event feed) and their deliveries (the durable outbox of events owed to each one).
    /// The feed itself needs no table: it is the audit chain's event entries joined to `events`.
    static let integrations = Migration(
        id: 14, name: "webhooks",
        statements: [
            """
            CREATE TABLE webhooks (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                id TEXT NOT NULL,
                url TEXT NOT NULL,
                event_types TEXT NOT NULL,
                description TEXT,
                secret TEXT NOT NULL,
                feed_position BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                PRIMARY KEY (tenant_id, id)
            )
            """,
            """
            CREATE TABLE webhook_deliveries (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                webhook_id TEXT NOT NULL,
                event_id TEXT NOT NULL,
                event_type TEXT NOT NULL,
                feed_position BIGINT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at BIGINT NOT NULL,
                last_error TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, webhook_id, event_id)
            )
            """,
            "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (tenant_id, state, next_attempt_at)",
            "CREATE INDEX webhook_deliveries_position ON webhook_deliveries (tenant_id, state, feed_position, webhook_id)",
        ],
        postgresStatements: [
            "GRANT SELECT, INSERT, UPDATE, DELETE ON webhooks, webhook_deliveries TO klage_app"
        ] + isolatingTenants(of: ["webhooks", "webhook_deliveries"]))
}
