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
            let applicationRole = try #require(store.driver.applicationRole)
            let role = try await store.driver.read(tenant: nil) { connection in
                try connection.queryFirst(
                    "SELECT rolbypassrls::int AS bypass, rolsuper::int AS super FROM pg_roles WHERE rolname = \(applicationRole)")
            }
            #expect(role?["bypass"].integer == 0)
            #expect(role?["super"].integer == 0)
            let owned = try await store.driver.read(tenant: nil) { connection in
                try connection.query("SELECT tablename FROM pg_tables WHERE tableowner = \(applicationRole)").count
            }
            #expect(owned == 0)
            await #expect(throws: StorageError.self) {
                try await store.driver.write(tenant: "kobenhavn") { connection in try connection.execute("DELETE FROM events") }
            }
        }
    }

    @Test func theApplicationRoleReadsNoKeyOnlyItsOwnTenantAndIsThisDatabasesAlone() async throws {
        try await withTestStore(.postgres) { store throws in
            for id in ["kobenhavn", "roskilde"] { try await store.insertTenant(Fixtures.tenant(id)) }
            try await store.insertKey(
                APIKey(id: "k1", tenant: "roskilde", role: .caseworker, label: "roskilde", hash: "secret-hash", createdAt: Fixtures.monday))
            // Inside a tenant's transaction: no key hash can be read or rewritten, no tenant changed.
            for statement: SQL in ["SELECT hash FROM api_keys", "UPDATE api_keys SET role = 'operator'", "UPDATE tenants SET name = 'x'"] {
                await #expect(throws: StorageError.self, "\(statement)") {
                    try await store.driver.write(tenant: "kobenhavn") { connection in _ = try connection.execute(statement) }
                }
            }
            let tenants = try await store.driver.read(tenant: "kobenhavn") { connection in
                try connection.query("SELECT id FROM tenants").map { try $0.string("id") }
            }
            #expect(tenants == ["kobenhavn"])
            // The role is this database's own: named after it, and granted nothing in any other database.
            let expected = try await store.driver.read(tenant: nil) { connection in
                try connection.queryFirst("SELECT 'klage_app_' || left(md5(current_database()), 16) AS role")?.string("role")
            }
            #expect(store.driver.applicationRole == expected)
            #expect(store.driver.applicationRole != "klage_app")
        }
    }

    @Test func anotherLoginOfTheClusterCannotConnectToAKlageDatabase() async throws {
        try await withTestStore(.postgres) { store throws in
            let database = try await store.driver.read(tenant: nil) { connection in
                try connection.queryFirst("SELECT current_database() AS name")?.string("name") ?? ""
            }
            try await store.driver.write(tenant: nil) { connection in
                _ = try connection.execute("DROP ROLE IF EXISTS klage_outsider")
                _ = try connection.execute("CREATE ROLE klage_outsider LOGIN")
            }
            let base = try #require(ProcessInfo.processInfo.environment["KLAGE_TEST_POSTGRES_URL"])
            let outsider = base.replacingOccurrences(of: "postgres://postgres@", with: "postgres://klage_outsider@")
                .replacingOccurrences(of: "/postgres", with: "/\(database)")
            let refused = await #expect(throws: StorageError.self) { _ = try await PostgresDriver.connect(url: outsider) }
            #expect(refused?.detail?.contains("permission denied") == true)
            // The cluster's own maintenance database stays open to it: the refusal is this database's.
            let maintenance = base.replacingOccurrences(of: "postgres://postgres@", with: "postgres://klage_outsider@")
            await #expect(throws: Never.self) { try await PostgresDriver.connect(url: maintenance).close() }
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
