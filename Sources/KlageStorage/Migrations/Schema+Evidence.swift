extension Schema {
    /// The staff time a contact took: the evidence of time saved per complaint.
    static let contactDuration = Migration(
        id: 5, name: "contact duration", statements: ["ALTER TABLE contacts ADD COLUMN duration_minutes INTEGER"])
}

extension Schema {
    /// The evidence of the methods: hand-offs, effort, staff pulses, baselines, and the figures
    /// materialised per day (`report_cells`) with the marks of days changed since (`report_changes`).
    static let evidence = Migration(
        id: 6, name: "evidence",
        statements: [
            "ALTER TABLE complaints ADD COLUMN assignee TEXT",
            "ALTER TABLE complaints ADD COLUMN handoffs INTEGER NOT NULL DEFAULT 0",
            "CREATE INDEX complaints_received ON complaints (tenant_id, received_at)",
            "CREATE INDEX complaints_open ON complaints (tenant_id, closed_at, received_at, department)",
            """
            CREATE TABLE efforts (
                tenant_id TEXT NOT NULL,
                id TEXT NOT NULL,
                complaint_id TEXT NOT NULL,
                minutes INTEGER NOT NULL,
                activity TEXT,
                recorded_by TEXT NOT NULL,
                at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id)
            )
            """,
            "CREATE INDEX efforts_complaint ON efforts (tenant_id, complaint_id)",
            """
            CREATE TABLE staff_pulses (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                id TEXT NOT NULL,
                department TEXT NOT NULL,
                score INTEGER NOT NULL,
                day BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, id)
            )
            """,
            "CREATE INDEX staff_pulses_day ON staff_pulses (tenant_id, day)",
            """
            CREATE TABLE baselines (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                department TEXT NOT NULL,
                period_from BIGINT NOT NULL,
                period_to BIGINT NOT NULL,
                received INTEGER,
                appeals_forwarded INTEGER,
                median_days_to_close DOUBLE PRECISION,
                satisfaction_mean DOUBLE PRECISION,
                source TEXT,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, department, period_from)
            )
            """,
            reportCellTable("report_cells", period: "day"),
            """
            CREATE TABLE report_days (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                day INTEGER NOT NULL,
                computed_at BIGINT NOT NULL,
                PRIMARY KEY (tenant_id, day)
            )
            """,
            """
            CREATE TABLE report_changes (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                day INTEGER NOT NULL,
                id TEXT NOT NULL,
                PRIMARY KEY (tenant_id, day, id)
            )
            """,
        ],
        postgresStatements: [
            "GRANT SELECT, INSERT ON efforts, staff_pulses TO klage_app",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON baselines, report_cells, report_days, report_changes TO klage_app",
        ] + isolatingTenants(of: ["efforts", "staff_pulses", "baselines", "report_cells", "report_days", "report_changes"]))
}
