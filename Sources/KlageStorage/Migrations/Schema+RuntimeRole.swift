extension Schema {
    /// On PostgreSQL, a role for the runtime login, which owns no table (`klage_app_runtime`, one per
    /// database as `klage_app` is).
    ///
    /// The tables' owner (the migration login) runs migrations; the runtime login, a member of this
    /// role, serves. It may read and write what the host writes, and take `klage_app` for tenant
    /// transactions, but may not change or delete an entry of either audit chain, record a migration, or
    /// alter a table; whoever holds its password cannot rewrite and rehash a chain. A policy per
    /// isolated table lets it work across tenants in host transactions (the scheduler, retention), while
    /// `klage_app` stays held to one tenant's rows. Tables made later get the same grants by default;
    /// a later migration that isolates a table must add its `host_access` policy too.
    static let runtimeRole = Migration(
        id: 21, name: "runtime role", statements: [],
        postgresStatements: [
            """
            DO $$ BEGIN
                CREATE ROLE klage_app_runtime NOLOGIN NOBYPASSRLS;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$
            """,
            "GRANT klage_app TO klage_app_runtime",
            // The second wall (migration 7) took CONNECT from PUBLIC.
            "DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO klage_app_runtime', current_database()); END $$",
            "GRANT USAGE ON SCHEMA public TO klage_app_runtime",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO klage_app_runtime",
            "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO klage_app_runtime",
            "REVOKE INSERT, UPDATE, DELETE ON klage_migrations FROM klage_app_runtime",
            "REVOKE UPDATE, DELETE ON audit_chain, host_audit_chain FROM klage_app_runtime",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO klage_app_runtime",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO klage_app_runtime",
            """
            DO $$ DECLARE isolated text; BEGIN
                FOR isolated IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity
                LOOP
                    EXECUTE format('CREATE POLICY host_access ON %I TO klage_app_runtime USING (true) WITH CHECK (true)', isolated);
                END LOOP;
            END $$
            """,
        ])
}
