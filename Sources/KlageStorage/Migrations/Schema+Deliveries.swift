extension Schema {
    /// One table for every durable delivery: the plug-in hooks' outbox (migration 8) and the webhooks'
    /// deliveries (migration 14) become rows of `deliveries`, told apart by `channel` (`hooks`, with an
    /// empty `target`; `webhook`, with the webhook's id as `target`), with one set of states. Every row
    /// moves, with its state in the shared words (`done` is `delivered`, `dead` is `failed`), then the
    /// old tables go. The dispatcher reads due rows through `deliveries_due`, and the tenants with due
    /// rows through `deliveries_due_tenants`; lists read `deliveries_listed`.
    static let deliveries = Migration(
        id: 17, name: "one table of deliveries",
        statements: [
            """
            CREATE TABLE deliveries (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                channel TEXT NOT NULL,
                target TEXT NOT NULL,
                event_id TEXT NOT NULL,
                event_type TEXT NOT NULL,
                feed_position BIGINT NOT NULL,
                state TEXT NOT NULL,
                done_parts TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at BIGINT NOT NULL,
                last_error TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, channel, target, event_id),
                FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id)
            )
            """,
            """
            INSERT INTO deliveries (tenant_id, channel, target, event_id, event_type, feed_position, state, done_parts, attempts,
                next_attempt_at, last_error, created_at, updated_at)
            SELECT tenant_id, 'hooks', '', event_id, event_type, 0,
                CASE state WHEN 'done' THEN 'delivered' WHEN 'dead' THEN 'failed' ELSE state END,
                done_hooks, attempts, next_attempt_at, last_error, created_at, updated_at
            FROM outbox
            """,
            """
            INSERT INTO deliveries (tenant_id, channel, target, event_id, event_type, feed_position, state, done_parts, attempts,
                next_attempt_at, last_error, created_at, updated_at)
            SELECT tenant_id, 'webhook', webhook_id, event_id, event_type, feed_position, state, '[]', attempts,
                next_attempt_at, last_error, created_at, updated_at
            FROM webhook_deliveries
            """,
            "DROP TABLE outbox",
            "DROP TABLE webhook_deliveries",
            "CREATE INDEX deliveries_due ON deliveries (tenant_id, channel, state, next_attempt_at)",
            "CREATE INDEX deliveries_due_tenants ON deliveries (channel, state, next_attempt_at, tenant_id)",
            "CREATE INDEX deliveries_listed ON deliveries (tenant_id, channel, state, feed_position, event_id)",
        ],
        postgresStatements: ["GRANT SELECT, INSERT, UPDATE, DELETE ON deliveries TO klage_app"] + isolatingTenants(of: ["deliveries"]))
}
