import Foundation
import KlageKernel
import KlageRPC
import KlageTestSupport
import Testing

@testable import KlageServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Per-key and per-address token buckets: every batch element counts, refused requests get -32029
/// with a retry hint, a wholly refused body gets HTTP 429 with `Retry-After`, and one client's flood
/// never takes another tenant's share. Buckets refill at 0.001 per second here, so nothing refills
/// while a test runs and no assertion depends on timing.
@Suite struct RateLimitTests {
    /// A raw POST to `/rpc` returning status, `Retry-After` and the parsed body.
    func post(_ server: TestServer, _ body: String, key: String?) async throws -> (status: Int, retryAfter: String?, json: JSONValue) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/rpc")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Retry-After"), (try? JSONParser().parse(data)) ?? .null)
    }

    /// Per-key buckets of `burst` that refill at 0.001 per second.
    static func keyBuckets(burst: Double) -> (inout ServerConfiguration) -> Void {
        { configuration in
            configuration.limits.keyRequestsPerSecond = 0.001
            configuration.limits.keyBurst = burst
        }
    }

    /// Per-address buckets for requests without a key, of `burst`, refilling at 0.001 per second.
    static func anonymousBuckets(burst: Double) -> (inout ServerConfiguration) -> Void {
        { configuration in
            configuration.limits.anonymousRequestsPerSecond = 0.001
            configuration.limits.anonymousBurst = burst
        }
    }

    func batch(_ method: String, count: Int, params: String = "{}") -> String {
        "[" + (0..<count).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"\#(method)","params":\#(params)}"# }.joined(separator: ",") + "]"
    }

    @Test func aBatchOverTheKeysBudgetGetsMinus32029ForTheExcessElements() async throws {
        try await withTestServer(configure: Self.keyBuckets(burst: 5)) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let first = try await post(server, batch("workflow.list", count: 8), key: key)
            #expect(first.status == 200, "a partly served batch is an ordinary reply")
            #expect(first.retryAfter == nil)
            let replies = try #require(first.json.arrayValue)
            #expect(replies.count == 8)
            #expect(replies.prefix(5).allSatisfy { $0["result"] != nil }, "the first five elements fit the budget")
            for reply in replies.suffix(3) {
                #expect(reply["error"]?["code"] == -32029)
                #expect((reply["error"]?["data"]?["retryAfterSeconds"]?.numberValue ?? 0) >= 1)
            }
            #expect(Set(replies.map { $0["id"] }) == Set((0..<8).map { JSONValue.number(Double($0)) }), "every element keeps its id")

            let refused = try await post(server, batch("workflow.list", count: 2), key: key)
            #expect(refused.status == 429, "a wholly refused body")
            #expect(Int(refused.retryAfter ?? "") ?? 0 >= 1)
            #expect(refused.json.arrayValue?.allSatisfy { $0["error"]?["code"] == -32029 } == true)
            #expect(
                JSONRPCReplyCheck.problem(
                    status: refused.status, contentType: "application/json", body: Array(try JSONEncoder().encode(refused.json)))
                    == nil)

            let single = try await server.call("workflow.list", key: key)
            #expect(single["error"]?["code"] == -32029)
            #expect(single["id"] == 1)
            // Another key, also of the same tenant, has its own bucket.
            let other = try await server.key("kobenhavn", .caseworker)
            #expect(try await server.call("workflow.list", key: other)["result"] != nil)
        }
    }

    @Test func aKeylessFloodIsLimitedWhileAKeyedClientOfAnotherTenantIsServed() async throws {
        try await withTestServer(configure: Self.anonymousBuckets(burst: 10)) { server throws in
            let roskilde = try await server.key("roskilde", .caseworker)
            var served = 0
            var limited = 0
            for _ in 0..<5 {
                let flood = try await post(server, batch("system.health", count: 20), key: nil)
                for reply in flood.json.arrayValue ?? [] {
                    if reply["result"] != nil { served += 1 }
                    if reply["error"]?["code"] == -32029 { limited += 1 }
                }
                // The keyed client of another tenant, between the floods.
                #expect(try await server.call("workflow.list", key: roskilde)["result"] != nil)
                #expect(try await server.call("complaint.list", key: roskilde)["result"] != nil)
            }
            #expect(served == 10, "the burst, then nothing")
            #expect(limited == 90)
            // A key that fails to authenticate counts as no key.
            let bogus = try await post(server, #"{"jsonrpc":"2.0","id":1,"method":"system.health"}"#, key: "klage_not-a-real-key")
            #expect(bogus.status == 429)
            #expect(bogus.json["error"]?["code"] == -32029)
            #expect(try await server.call("workflow.list", key: roskilde)["result"] != nil)
        }
    }

    @Test func reportsAndLongListPagesCostMoreThanAGet() async throws {
        try await withTestServer(configure: Self.keyBuckets(burst: 28)) { server throws in
            let leader = try await server.key("kobenhavn", .leader)
            let params: JSONValue = ["from": "2026-01-01T00:00:00Z", "to": "2026-12-01T00:00:00Z"]
            #expect(try await server.call("report.summary", params, key: leader)["result"] != nil, "a report costs 20 of 28")
            let second = try await server.call("report.summary", params, key: leader)
            #expect(second["error"]?["code"] == -32029, "a second report does not fit in the 8 left")
            // A page of 500 costs 1 + 2 × 4 = 9: more than the 8 left; a default page and a get (1 each) fit.
            #expect(try await server.call("complaint.list", ["limit": 500], key: leader)["error"]?["code"] == -32029)
            #expect(try await server.call("complaint.list", [:], key: leader)["result"] != nil)
            #expect(try await server.call("complaint.get", ["id": "nope"], key: leader)["error"]?["code"] == -32004)
        }
    }

    @Test func bucketsRefillAtTheirRateAndStayBoundedInMemory() {
        let buckets = TokenBuckets(rate: 2, burst: 4, capacity: 1_000)
        let start = ContinuousClock.now
        for _ in 0..<4 { #expect(buckets.take(1, for: "a", now: start) == nil) }
        #expect(buckets.take(1, for: "a", now: start) == 1, "empty: one token comes back within a second")
        #expect(buckets.take(3, for: "a", now: start) == 2)
        #expect(buckets.take(1, for: "a", now: start + .milliseconds(500)) == nil, "half a second refills one token")
        #expect(buckets.take(9, for: "b", now: start) == nil, "a cost above the burst takes a full bucket")
        for client in 0..<5_000 { _ = buckets.take(1, for: "client-\(client)", now: start + .seconds(client)) }
        #expect(buckets.count <= 1_000)
    }

    @Test func limitsAreReadFromTheEnvironmentAndChecked() throws {
        let configuration = try ServerConfiguration.load(
            path: nil,
            environment: [
                "KLAGE_KEY_REQUESTS_PER_SECOND": "7", "KLAGE_MAX_REQUESTS_IN_FLIGHT": "12", "KLAGE_POSTGRES_STATEMENT_TIMEOUT_SECONDS": "2.5",
                "KLAGE_LIST_COST_PER_100_ITEMS": "3",
            ])
        #expect(configuration.limits.keyRequestsPerSecond == 7)
        #expect(configuration.limits.maxRequestsInFlight == 12)
        #expect(configuration.limits.postgresStatementTimeoutSeconds == 2.5)
        #expect(configuration.limits.listCostPer100Items == 3)
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(path: nil, environment: ["KLAGE_MAX_REQUESTS_IN_FLIGHT": "0"]) }
        let decoded = try JSONDecoder().decode(ServerConfiguration.self, from: Data(#"{"limits":{"anonymousBurst":3}}"#.utf8))
        #expect(decoded.limits.anonymousBurst == 3)
        #expect(decoded.limits.keyBurst == ServerLimits().keyBurst)
    }
}
