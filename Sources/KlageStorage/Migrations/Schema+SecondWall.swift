extension Schema {
    /// The second wall, complete: the application role is this database's own (migrations' `klage_app`
    /// is replaced by it), reads no key and only its own tenant's row, and no other role of the cluster
    /// may connect to the database. The shared role of earlier versions loses its grants here.
    static let secondWall = Migration(
        id: 7, name: "second wall", statements: [],
        postgresStatements: takingTheApplicationRole + [
            "GRANT SELECT ON klage_migrations, tenants TO klage_app",
            "GRANT SELECT, INSERT, UPDATE ON complaints, contacts, learning_items, plugin_records, surveys TO klage_app",
            "GRANT SELECT, INSERT ON events, access_log, efforts, staff_pulses TO klage_app",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON baselines, report_cells, report_days, report_changes TO klage_app",
            "REVOKE ALL ON api_keys FROM klage_app",
            "REVOKE INSERT, UPDATE, DELETE ON tenants FROM klage_app",
            "ALTER TABLE tenants ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY tenants_own_row ON tenants FOR SELECT USING (id = current_setting('klage.tenant', true))",
            """
            DO $$ DECLARE shared text := 'klage' || '_app'; BEGIN
                IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = shared) THEN
                    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', shared);
                    EXECUTE format('REVOKE USAGE ON SCHEMA public FROM %I', shared);
                END IF;
            END $$
            """,
            "DO $$ BEGIN EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $$",
        ])
}
