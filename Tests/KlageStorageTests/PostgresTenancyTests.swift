import Foundation
import KlageKernel
import KlagePostgres
import KlageStorage
import KlageTestSupport
import Testing

/// PostgreSQL's second wall: row-level security, and clear errors when the server cannot be reached.
@Suite(.enabled(if: StorageBackend.available.contains(.postgres), "needs KLAGE_TEST_POSTGRES_URL"))
struct PostgresTenancyTests {
    @Test func aQueryThatForgotItsTenantFilterStillSeesOnlyItsTenant() async throws {
        try await withTestStore(.postgres) { store throws in
            let registry = try {
                var builder = PluginRegistryBuilder()
                builder.register(TestPlugin())
                return try builder.build()
            }()
            let complaints = ComplaintService(Fixtures.environment(store, registry: registry))
            for id in ["kobenhavn", "roskilde"] {
                let tenant = Fixtures.tenant(id)
                try await store.insertTenant(tenant)
                _ = try await complaints.create(Fixtures.draft(), in: tenant, by: Fixtures.caseworker(tenant.id))
            }
            // No WHERE tenant_id: row-level security alone keeps Roskilde's rows out.
            let seen = try await store.driver.read(tenant: "kobenhavn") { connection in
                try connection.query("SELECT tenant_id FROM complaints").map { try $0.string("tenant_id") }
            }
            #expect(seen == ["kobenhavn"])
            let events = try await store.driver.read(tenant: "kobenhavn") { connection in
                try connection.query("SELECT DISTINCT tenant_id FROM events").map { try $0.string("tenant_id") }
            }
            #expect(events == ["kobenhavn"])
            // Writing a row for another tenant is refused too.
            await #expect(throws: StorageError.self) {
                try await store.driver.write(tenant: "kobenhavn") { connection in
                    try connection.execute("UPDATE complaints SET subject = \("x")")
                    try connection.execute(
                        """
                        INSERT INTO events (tenant_id, id, at, type, actor, summary, data)
                        VALUES (\("roskilde"), \("e1"), \(0), \("t"), \("a"), \("s"), \("{}"))
                        """)
                }
            }
            // The application role owns nothing, cannot bypass the policies, and cannot delete.
            let role = try await store.driver.read(tenant: nil) { connection in
                try connection.queryFirst("SELECT rolbypassrls::int AS bypass, rolsuper::int AS super FROM pg_roles WHERE rolname = \("klage_app")")
            }
            #expect(role?["bypass"].integer == 0)
            #expect(role?["super"].integer == 0)
            let owned = try await store.driver.read(tenant: nil) { connection in
                try connection.query("SELECT tablename FROM pg_tables WHERE tableowner = \("klage_app")").count
            }
            #expect(owned == 0)
            await #expect(throws: StorageError.self) {
                try await store.driver.write(tenant: "kobenhavn") { connection in try connection.execute("DELETE FROM events") }
            }
        }
    }

    @Test func readsSurviveAMigrationThatChangesATableUnderPreparedStatements() async throws {
        try await withTestStore(.postgres) { store throws in
            let tenant = Fixtures.tenant()
            try await store.insertTenant(tenant)
            for _ in 0..<3 { #expect(try await store.tenant(tenant.id) == tenant) }  // prepared and cached
            try await store.driver.write(tenant: nil) { connection in
                try connection.execute("ALTER TABLE tenants ADD COLUMN added_by_a_later_migration TEXT")
            }
            for _ in 0..<3 { #expect(try await store.tenant(tenant.id) == tenant) }
        }
    }

    @Test func unreachableServersAndMissingDatabasesGiveClearErrors() async throws {
        let refused = await #expect(throws: StorageError.self) {
            _ = try await openStore("postgres://klage@127.0.0.1:1/klage")
        }
        #expect(refused?.code == .unavailable)
        #expect(refused?.message.contains("refused") == true)

        let malformed = await #expect(throws: StorageError.self) {
            _ = try await PostgresDriver.connect(url: "postgres://klage@127.0.0.1:1/klage?sslmode=sometimes")
        }
        #expect(malformed?.message == "the PostgreSQL URL is invalid")

        // Failed authentication: a role that must prove a password (see Deploy/postgres-test-cluster.sh).
        let admin = try PostgresTestCluster.adminURL()
        try PostgresAdmin.execute(
            "DO $$ BEGIN CREATE ROLE klage_password_test LOGIN PASSWORD 'right'; EXCEPTION WHEN duplicate_object THEN NULL; END $$", url: admin)
        var wrong = URLComponents(string: admin)!
        wrong.user = "klage_password_test"
        wrong.password = "wrong-secret"
        let denied = await #expect(throws: StorageError.self) { _ = try await openStore(wrong.string!) }
        #expect(denied?.message == "PostgreSQL refused the credentials (authentication failed)")
        #expect(denied?.description.contains("wrong-secret") == false)

        var missing = URLComponents(string: try PostgresTestCluster.adminURL())!
        missing.path = "/no_such_database"
        let error = await #expect(throws: StorageError.self) { _ = try await openStore(missing.string!) }
        #expect(error?.message.contains("does not exist") == true)
        #expect(error?.description.contains("no_such_database") == false)
    }
}
