import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// The audit trail end to end: real API work, lawful erasure and retention keep it intact; `audit.verify`
/// is for host operators; tampering is named by tenant and seq over JSON-RPC and by `klage audit verify`.
@Suite struct AuditTrailTests {
    @Test(arguments: StorageBackend.available)
    func erasureAndRetentionKeepTheTrailIntactAndTamperingIsNamed(_ backend: StorageBackend) async throws {
        let url = try backend.freshDatabaseURL()
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, databaseURL: url, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let admin = try await server.key("kobenhavn", .admin)
            let id = try await PrivacyFixtures.create(server, key: key, ref: "audit-1")
            clock.advance(by: 3600)
            try await PrivacyFixtures.closeByDialogue(server, id, key: key, at: clock)
            _ = try await server.result("complaint.get", ["id": .string(id)], key: key)
            _ = try await server.result("privacy.erase", ["cpr": "010190-1234"], key: admin)
            try await PrivacyFixtures.set(TenantSettings.accessLogMonths.key, 1, tenant: "kobenhavn", on: server)
            clock.advance(by: 45 * 86_400)
            let runs = try await PrivacyService(server.host.services.env).applyRetention()
            #expect(runs.map(\.accessRecordsDeleted).reduce(0, +) > 0, "reads were pruned")

            let verified = try await server.result("audit.verify", ["tenant": "kobenhavn"], key: server.operatorKey)
            #expect(verified["intact"] == true)
            let chain = try #require(verified["tenants"]?.arrayValue?.first)
            #expect(chain["problems"] == [])
            #expect((chain.int("entries") ?? 0) > 5)
            #expect(try await server.result("audit.verify", [:], key: server.operatorKey)["tenants"]?.arrayValue?.count == 3)
            #expect(try await server.call("audit.verify", [:], key: admin)["error"]?["code"] == -32003)
            #expect(try await server.call("audit.verify", ["tenant": "nowhere"], key: server.operatorKey)["error"]?["code"] == -32004)

            let store = try #require(server.host.services.env.store as? SQLKlageStore)
            try await store.driver.write(tenant: nil) { connection in
                _ = try connection.execute("UPDATE audit_chain SET occurred_at = occurred_at + 1 WHERE tenant_id = \("kobenhavn") AND seq = \(2)")
            }
            let broken = try await server.result("audit.verify", ["tenant": "kobenhavn"], key: server.operatorKey)
            #expect(broken["intact"] == false)
            #expect(broken["tenants"]?.arrayValue?.first?["problems"]?.arrayValue?.first?["seq"] == 2)
        }

        let binary = try #require(KlageProcess.binary, "the klage executable is not built next to the tests")
        let failed = try await run(binary, ["audit", "verify", "--tenant", "kobenhavn"], database: url)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("tenant kobenhavn seq 2: the hash does not match the entry's contents"))
        #expect(!failed.stderr.contains("Karen") && !failed.stdout.contains("Karen"))
        let intact = try await run(binary, ["audit", "verify", "--tenant", "roskilde"], database: url)
        #expect(intact.status == 0)
        #expect(intact.stdout.hasPrefix("host: intact"))
        #expect(intact.stdout.contains("\nroskilde: intact"))
    }

    private func run(_ binary: String, _ arguments: [String], database: String) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await ChildProcess.run(
            binary, arguments, environment: ["KLAGE_DATABASE_URL": database, "PATH": "/usr/bin:/bin"], directory: ReadmeSessionTests.repository.path)
    }
}
