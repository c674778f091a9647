import Foundation
import KlageKernel
import KlagePostgres
import KlageRPC
import KlageStorage
import KlageTestSupport
import Testing

@testable import KlageServer

/// The runtime login owns no table (PostgreSQL only: SQLite has no logins). The tables' owner migrates;
/// the host serves as a login that holds only the runtime role, and that login cannot rewrite either
/// audit chain, record a migration or alter a table, whatever SQL it sends.
@Suite struct RuntimeLoginTests {
    /// A fresh database, its owner's URL, and a new login with no rights in it, as a URL.
    static func databaseAndLogin() async throws -> (owner: String, runtime: String, login: String) {
        let owner = try await offThePool { try PostgresTestCluster.freshDatabaseURL() }
        let login = "klage_runtime_" + UUID().uuidString.prefix(8).lowercased()
        try await offThePool { try PostgresAdmin.execute("CREATE ROLE \(login) LOGIN", url: try PostgresTestCluster.adminURL()) }
        var runtime = try #require(URLComponents(string: owner))
        runtime.user = login
        return (owner, try #require(runtime.string), login)
    }

    /// The configuration with `owner` as the migration login.
    static func migratingAs(_ owner: String) -> (inout ServerConfiguration) -> Void {
        { $0.migrationDatabase = owner }
    }

    @Test(.enabled(if: StorageBackend.available.contains(.postgres)))
    func theHostServesAsALoginThatOwnsNoTableAndCannotRewriteTheChains() async throws {
        let (owner, runtime, login) = try await Self.databaseAndLogin()
        // A login that does not exist: the start is refused.
        var nobody = try #require(URLComponents(string: runtime))
        nobody.user = login + "_missing"
        await #expect(throws: (any Error).self) {
            try await withTestServer(.postgres, databaseURL: nobody.string, configure: Self.migratingAs(owner)) { _ in }
        }

        // The login exists (with no rights): the migration login grants it the runtime role, and it serves.
        try await withTestServer(.postgres, databaseURL: runtime, configure: Self.migratingAs(owner)) { server in
            // It serves: tenant transactions (as klage_app) and host ones (keys, the host chain, the scheduler).
            let integration = try await server.key("kobenhavn", .integration)
            let created = try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: integration)
            let id = try #require(created["id"]?.stringValue)
            #expect(try await server.result("complaint.get", ["id": .string(id)], key: integration)["id"]?.stringValue == id)
            _ = try await server.host.services.complaints.checkDeadlines()
            let verified = try await server.result("audit.verify", key: server.operatorKey)
            #expect(verified["intact"] == true && (verified["host"]?["entries"]?.numberValue ?? 0) > 0)

            // What its password lets one do by hand.
            let driver = try await PostgresDriver.connect(url: runtime)
            let owned = try await driver.read(tenant: nil) { connection in
                try connection.query("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user")
                    .first?["n"].integer
            }
            #expect(owned == 0)
            for statement in [
                "UPDATE audit_chain SET digest = 'x'", "DELETE FROM audit_chain", "UPDATE host_audit_chain SET actor = 'x'",
                "DELETE FROM host_audit_chain", "INSERT INTO klage_migrations (id, name, applied_at) VALUES (999, 'x', 0)",
                "ALTER TABLE complaints ADD COLUMN x INTEGER", "DROP TABLE audit_chain",
            ] {
                await #expect("\(statement)") {
                    try await driver.write(tenant: nil) { connection in try connection.execute(SQL(unsafeSQL: statement)) }
                } throws: { error in
                    let said = (error as? StorageError)?.debugDescription ?? ""
                    return said.contains("permission denied") || said.contains("must be owner")
                }
            }
            await driver.close()
            #expect(try await server.result("audit.verify", key: server.operatorKey)["intact"] == true)
        }
    }
}
