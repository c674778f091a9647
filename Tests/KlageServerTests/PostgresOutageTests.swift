import Foundation
import KlageKernel
import KlageTestSupport
import Testing

/// PostgreSQL stops and comes back while Klage runs: calls in between fail clearly, calls after it
/// succeed, and nothing acknowledged is lost. Uses a cluster of its own, so no other test is disturbed.
@Suite(.enabled(if: PostgresTestCluster.outage != nil, "needs KLAGE_TEST_POSTGRES_OUTAGE_URL and _CTL"))
struct PostgresOutageTests {
    @Test func callsDuringAnOutageFailClearlyAndCallsAfterItSucceed() async throws {
        let url = try PostgresTestCluster.freshDatabaseURL(admin: PostgresTestCluster.outage?.url)
        try await withTestServer(databaseURL: url) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            var acknowledged: [String] = []
            for index in 0..<5 {
                var params = Fixtures.copenhagenComplaint.objectValue!
                params["externalRef"] = .string("before-\(index)")
                acknowledged.append(try await server.result("complaint.create", .object(params), key: key).string("id") ?? "")
            }

            try await PostgresTestCluster.control("stop")
            do {
                let during = try await server.call("complaint.get", ["id": .string(acknowledged[0])], key: key)
                #expect(during["error"]?["code"] == -32603)
                #expect(during["error"]?["message"] == "Storage unavailable; try again")
                #expect(during["error"]?["data"]?["retryable"] == true)
                #expect(try await server.get("/readyz").status == 503)
                #expect(try await server.get("/healthz").status == 200)
            } catch {
                try? await PostgresTestCluster.control("start")
                throw error
            }
            try await PostgresTestCluster.control("start")

            // Ready again once the pool reaches the server back up (a loaded machine may take a moment).
            var ready = try await server.get("/readyz").status
            let deadline = ContinuousClock.now + .seconds(30)
            while ready != 200, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                ready = try await server.get("/readyz").status
            }
            #expect(ready == 200)
            for id in acknowledged {
                #expect(try await server.result("complaint.get", ["id": .string(id)], key: key).string("id") == id)
            }
            var params = Fixtures.copenhagenComplaint.objectValue!
            params["externalRef"] = "after"
            _ = try await server.result("complaint.create", .object(params), key: key)
            #expect(try await server.result("complaint.list", [:], key: key)["items"]?.arrayValue?.count == 6)
        }
    }
}
