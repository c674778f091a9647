extension Schema {
    /// The personal-data lifecycle: complaints restricted or anonymised, an index for the retention
    /// schedule, and the access log made compact. Reads now name their reader and purpose by small
    /// numbers per tenant (`access_readers`, `access_purposes`), and a repeated identical read (same
    /// complaint, millisecond, reader and purpose) adds to `reads` instead of a row. The old
    /// `access_log` rows are copied over, then the table is dropped. On SQLite the reads table is
    /// clustered on its key (`WITHOUT ROWID`), so each read is stored once, not twice.
    static let privacy = Migration(
        id: 9, name: "privacy",
        statements: [
            "ALTER TABLE complaints ADD COLUMN restricted_at BIGINT",
            "ALTER TABLE complaints ADD COLUMN anonymised_at BIGINT",
            "CREATE INDEX complaints_to_anonymise ON complaints (tenant_id, closed_at) WHERE anonymised_at IS NULL",
            """
            CREATE TABLE access_readers (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                id INTEGER NOT NULL,
                actor TEXT NOT NULL,
                label TEXT NOT NULL,
                PRIMARY KEY (tenant_id, id)
            )
            """,
            "CREATE UNIQUE INDEX access_readers_actor ON access_readers (tenant_id, actor, label)",
            """
            CREATE TABLE access_purposes (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                id INTEGER NOT NULL,
                purpose TEXT NOT NULL,
                PRIMARY KEY (tenant_id, id)
            )
            """,
            "CREATE UNIQUE INDEX access_purposes_name ON access_purposes (tenant_id, purpose)",
        ],
        sqliteStatements: [accessReads + " WITHOUT ROWID"] + copyingTheAccessLog,
        postgresStatements: [accessReads] + copyingTheAccessLog + [
            "GRANT SELECT, INSERT ON access_readers, access_purposes TO klage_app",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON access_reads TO klage_app",
            "GRANT UPDATE ON events, efforts TO klage_app",
        ] + isolatingTenants(of: ["access_readers", "access_purposes", "access_reads"]))

    /// One row per read (or per identical reads in one millisecond, counted in `reads`).
    static let accessReads = """
        CREATE TABLE access_reads (
            tenant_id TEXT NOT NULL REFERENCES tenants (id),
            complaint_id TEXT NOT NULL,
            at BIGINT NOT NULL,
            reader INTEGER NOT NULL,
            purpose INTEGER NOT NULL,
            reads INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (tenant_id, complaint_id, at, reader, purpose)
        )
        """

    /// Moves the rows of migration 4's `access_log` into the compact tables, then drops it.
    static let copyingTheAccessLog = [
        """
        INSERT INTO access_readers (tenant_id, id, actor, label)
        SELECT tenant_id, ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY actor, actor_label), actor, actor_label
        FROM (SELECT DISTINCT tenant_id, actor, actor_label FROM access_log) readers
        """,
        """
        INSERT INTO access_purposes (tenant_id, id, purpose)
        SELECT tenant_id, ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY purpose), purpose
        FROM (SELECT DISTINCT tenant_id, purpose FROM access_log) purposes
        """,
        """
        INSERT INTO access_reads (tenant_id, complaint_id, at, reader, purpose, reads)
        SELECT l.tenant_id, l.complaint_id, l.at, r.id, p.id, COUNT(*)
        FROM access_log l
        JOIN access_readers r ON r.tenant_id = l.tenant_id AND r.actor = l.actor AND r.label = l.actor_label
        JOIN access_purposes p ON p.tenant_id = l.tenant_id AND p.purpose = l.purpose
        GROUP BY l.tenant_id, l.complaint_id, l.at, r.id, p.id
        """,
        "DROP TABLE access_log",
    ]
}
