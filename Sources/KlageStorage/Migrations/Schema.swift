/// Klage's schema, as the ordered list of its migrations.
///
/// Rules: `tenant_id` leads every tenant-owned table's primary key and foreign keys (Citus-ready);
/// times are `BIGINT` milliseconds; JSON is `TEXT`; ids are time-ordered `TEXT`.
public enum Schema {
    /// Every migration, in order.
    public static let migrations: [Migration] = [
        initial, rowLevelSecurity, pluginPlatform, accessLog, contactDuration, evidence, secondWall, outbox, privacy, reportMonths, audit,
        clusteredReportCells,
        consoleSessions,
        integrations,
        recomputedReportCells,
        derivedLayouts,
        deliveries,
        keysAndHostAudit,
        people,
        assignedBy,
        runtimeRole,
        signInAttempts,
        assigneeIndex,
        complaintSearch,
        eventTraceParent,
    ]

    static let initial = Migration(
        id: 1, name: "initial schema",
        statements: [
            """
            CREATE TABLE tenants (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                plugins TEXT NOT NULL,
                settings TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                tenant_id TEXT REFERENCES tenants (id),
                role TEXT NOT NULL,
                label TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
            """
            CREATE TABLE complaints (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                id TEXT NOT NULL,
                workflow TEXT NOT NULL,
                workflow_version INTEGER NOT NULL,
                state TEXT NOT NULL,
                track TEXT NOT NULL,
                channel TEXT NOT NULL,
                subject TEXT NOT NULL,
                description TEXT NOT NULL,
                remedy TEXT,
                citizen TEXT NOT NULL,
                department TEXT,
                external_ref TEXT,
                received_at BIGINT NOT NULL,
                deadlines TEXT NOT NULL,
                next_due_at BIGINT,
                outcome TEXT,
                fields TEXT NOT NULL,
                version INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                closed_at BIGINT,
                PRIMARY KEY (tenant_id, id)
            )
            """,
            "CREATE UNIQUE INDEX complaints_external_ref ON complaints (tenant_id, external_ref)",
            "CREATE INDEX complaints_state ON complaints (tenant_id, state, id)",
            "CREATE INDEX complaints_next_due ON complaints (tenant_id, next_due_at)",
            """
            CREATE TABLE contacts (
                tenant_id TEXT NOT NULL,
                id TEXT NOT NULL,
                complaint_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                occurred_at BIGINT NOT NULL,
                recorded_by TEXT NOT NULL,
                summary TEXT NOT NULL,
                agreement TEXT,
                fields TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id)
            )
            """,
            "CREATE INDEX contacts_complaint ON contacts (tenant_id, complaint_id, occurred_at)",
            """
            CREATE TABLE learning_items (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                id TEXT NOT NULL,
                complaint_id TEXT,
                title TEXT NOT NULL,
                insight TEXT NOT NULL,
                department TEXT,
                tags TEXT NOT NULL,
                state TEXT NOT NULL,
                version INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id)
            )
            """,
            "CREATE INDEX learning_items_state ON learning_items (tenant_id, state, id)",
            """
            CREATE TABLE events (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                id TEXT NOT NULL,
                complaint_id TEXT,
                learning_item_id TEXT,
                at BIGINT NOT NULL,
                type TEXT NOT NULL,
                actor TEXT NOT NULL,
                summary TEXT NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (tenant_id, id)
            )
            """,
            "CREATE INDEX events_complaint ON events (tenant_id, complaint_id, id)",
        ])

    /// Creates the application role (if need be), lets the migrating user take it, and lets it use the schema.
    static let takingTheApplicationRole = [
        """
        DO $$ BEGIN
            CREATE ROLE klage_app NOLOGIN NOBYPASSRLS;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$
        """,
        """
        DO $$ BEGIN
            IF NOT pg_has_role(current_user, 'klage_app', 'MEMBER') THEN
                EXECUTE format('GRANT klage_app TO %I', current_user);
            END IF;
        END $$
        """,
        "GRANT USAGE ON SCHEMA public TO klage_app",
    ]

    /// The tables that belong to a tenant, guarded by row-level security on PostgreSQL.
    static let tenantOwnedTables = ["complaints", "contacts", "learning_items", "events"]

    /// PostgreSQL's second wall: tenant-scoped transactions run as `klage_app`, which owns no table,
    /// cannot bypass row-level security, may not delete, and sees only the rows of `klage.tenant`.
    static let rowLevelSecurity = Migration(
        id: 2, name: "row-level security", statements: [],
        postgresStatements: takingTheApplicationRole + [
            "GRANT SELECT ON klage_migrations TO klage_app",
            "GRANT SELECT, INSERT, UPDATE ON tenants, api_keys, complaints, contacts, learning_items TO klage_app",
            "GRANT SELECT, INSERT ON events TO klage_app",
        ] + isolatingTenants(of: tenantOwnedTables))

    /// Row-level security on `tables`: only the rows of the transaction's `klage.tenant` are visible or writable.
    static func isolatingTenants(of tables: [String]) -> [String] {
        tables.flatMap { table in
            [
                "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
                """
                CREATE POLICY \(table)_tenant_isolation ON \(table)
                    USING (tenant_id = current_setting('klage.tenant', true))
                    WITH CHECK (tenant_id = current_setting('klage.tenant', true))
                """,
            ]
        }
    }

    /// The plug-in platform: scheduler columns, failed call attempts, plug-in records and surveys.
    static let pluginPlatform = Migration(
        id: 3, name: "plug-in records, surveys, scheduler",
        statements: [
            "ALTER TABLE complaints ADD COLUMN next_check_at BIGINT",
            "ALTER TABLE complaints ADD COLUMN escalated_at BIGINT",
            "CREATE INDEX complaints_next_check ON complaints (next_check_at)",
            "ALTER TABLE contacts ADD COLUMN reached INTEGER NOT NULL DEFAULT 1",
            """
            CREATE TABLE plugin_records (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                plugin TEXT NOT NULL,
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                body TEXT NOT NULL,
                ref TEXT,
                state TEXT,
                due_at BIGINT,
                version INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, plugin, kind, id)
            )
            """,
            "CREATE INDEX plugin_records_ref ON plugin_records (tenant_id, plugin, kind, ref)",
            "CREATE INDEX plugin_records_state ON plugin_records (tenant_id, plugin, kind, state, due_at)",
            """
            CREATE TABLE surveys (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                complaint_id TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                issued_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                submitted_at BIGINT,
                score INTEGER,
                comment TEXT,
                PRIMARY KEY (tenant_id, complaint_id),
                FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id)
            )
            """,
        ],
        postgresStatements: [
            "GRANT SELECT, INSERT, UPDATE ON plugin_records, surveys TO klage_app"
        ] + isolatingTenants(of: ["plugin_records", "surveys"]))

    /// Who read which complaint's personal data: append-only, part of a citizen's right of access.
    static let accessLog = Migration(
        id: 4, name: "access log",
        statements: [
            """
            CREATE TABLE access_log (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                complaint_id TEXT NOT NULL,
                seq TEXT NOT NULL,
                actor TEXT NOT NULL,
                actor_label TEXT NOT NULL,
                at BIGINT NOT NULL,
                purpose TEXT NOT NULL,
                PRIMARY KEY (tenant_id, complaint_id, seq)
            )
            """
        ], postgresStatements: ["GRANT SELECT, INSERT ON access_log TO klage_app"] + isolatingTenants(of: ["access_log"]))
}
