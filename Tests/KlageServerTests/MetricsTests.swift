import Foundation
import KlageDelivery
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `GET /metrics`: each host counts its own calls, errors, refusals and background work; the scrape
/// parses with Prometheus' own client library; labels stay bounded; only the configured token reads it.
@Suite struct MetricsTests {
    static let token = String(repeating: "0123456789abcdef", count: 4)
    static let tenants: [ServerConfiguration.TenantSeed] = [.init(id: "kobenhavn", name: "Københavns Kommune", plugins: ["borgerkontakt", "flaky"])]

    /// Metrics on, read with the token.
    static func metricsWithToken(_ configuration: inout ServerConfiguration) {
        configuration.metrics = true
        configuration.metricsToken = token
    }

    /// Metrics on, read without a token (the server listens on loopback).
    static func metricsOnLoopback(_ configuration: inout ServerConfiguration) {
        configuration.metrics = true
    }

    /// Metrics with the token, one deadline check at start, small bodies, and four calls without a key.
    static func countingEverything(_ configuration: inout ServerConfiguration) {
        metricsWithToken(&configuration)
        configuration.schedulerIntervalSeconds = 3600
        configuration.maxBodyBytes = 8192
        configuration.limits.anonymousRequestsPerSecond = 0.001
        configuration.limits.anonymousBurst = 4
    }

    /// `GET /metrics` sending `authorization`: the status, the content type and the text.
    static func scrape(_ server: TestServer, authorization: String? = "Bearer \(token)") async throws -> (status: Int, type: String?, text: String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/metrics")!)
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Content-Type"), String(decoding: data, as: UTF8.self))
    }

    /// The scrape's samples, parsed by `prometheus_client`.
    static func samples(_ server: TestServer, authorization: String? = "Bearer \(token)") async throws -> [MetricsParser.Sample] {
        let scrape = try await scrape(server, authorization: authorization)
        #expect(scrape.status == 200)
        #expect(scrape.type?.hasPrefix("text/plain; version=0.0.4") == true)
        return try MetricsParser.parse(scrape.text)
    }

    @Test(arguments: StorageBackend.available)
    func callsErrorsRefusalsAndBackgroundWorkAreCounted(_ backend: StorageBackend) async throws {
        let recorder = HookRecorder(failures: 1)
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(
            backend, clock: clock, plugins: KlagePlugins.all + [FlakyHookPlugin(recorder: recorder)], tenants: Self.tenants,
            configure: Self.countingEverything
        ) { server in
            let key = try await server.key("kobenhavn", .caseworker)
            let id = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key).string("id"))
            let contact: JSONValue = [
                "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())), "summary": "Called back",
            ]
            _ = try await server.result("contact.record", contact, key: key)  // the flaky hook fails its first attempt
            #expect(try await server.call("no.such.method", key: key)["error"]?["code"] == -32601)
            #expect(try await server.call("cpr 010203-1234 \"}{\n", key: key)["error"]?["code"] == -32601)
            // Not JSON, and JSON that is not a request: counted as errors of no method.
            #expect(JSONValue.parse(try await server.post(Data(#"{"jsonrpc":"2.0","id":1"#.utf8), key: key).body)["error"]?["code"] == -32700)
            #expect(JSONValue.parse(try await server.post(Data(#"{"jsonrpc":"2.0","id":1}"#.utf8), key: key).body)["error"]?["code"] == -32600)
            // Without a key: four calls, the fourth allowed by the burst, then a refused one.
            #expect(try await server.call("complaint.get", ["id": .string(id)], key: nil)["error"]?["code"] == -32001)
            let batch =
                #"[{"jsonrpc":"2.0","id":1,"method":"system.health"},{"jsonrpc":"2.0","id":2,"method":"system.health"},"#
                + #"{"jsonrpc":"2.0","method":"system.health"}]"#
            #expect(try await server.post(Data(batch.utf8), key: nil).status == 200)
            #expect(try await server.call("system.health", key: nil)["error"]?["code"] == -32029)
            #expect(try await server.post(Data(repeating: 0x20, count: 16_384), key: key).status == 413)
            clock.advance(by: 10)
            #expect(await server.host.integrations.deliveries.dispatchDue() == 1)  // the second attempt succeeds

            var samples = try await Self.samples(server)
            for _ in 0..<100 where (samples.value("klage_scheduler_runs_total") ?? 0) < 1 {
                try await Task.sleep(for: .milliseconds(100))
                samples = try await Self.samples(server)
            }

            let requests = { (method: String) in samples.value("klage_rpc_requests_total", ["method": method]) }
            #expect(requests("apiKey.create") == 1)
            #expect(requests("complaint.create") == 1)
            #expect(requests("contact.record") == 1)
            #expect(requests("complaint.get") == 1)
            #expect(requests("system.health") == 3, "each call of a batch counts, the notification too; the refused one does not")
            #expect(requests("unknown") == 4)
            #expect(requests("complaint.list") == 0, "every served method has its series from the start")
            #expect(samples.value("klage_rpc_errors_total", ["method": "complaint.get", "code": "-32001"]) == 1)
            #expect(samples.value("klage_rpc_errors_total", ["method": "unknown", "code": "-32601"]) == 2)
            #expect(samples.value("klage_rpc_errors_total", ["method": "unknown", "code": "-32700"]) == 1)
            #expect(samples.value("klage_rpc_errors_total", ["method": "unknown", "code": "-32600"]) == 1)
            #expect(samples.named("klage_rpc_errors_total").count == 4, "no error series for calls that succeeded")
            #expect(samples.value("klage_rpc_duration_seconds_count", ["method": "complaint.create"]) == 1)
            #expect(samples.value("klage_rpc_duration_seconds_bucket", ["method": "complaint.create", "le": "+Inf"]) == 1)
            #expect((samples.value("klage_rpc_duration_seconds_sum", ["method": "complaint.create"]) ?? 0) > 0)

            // The method label holds served names only: nothing a caller wrote reaches it.
            let served = Set(server.host.dispatcher.registry.names + ["unknown"])
            let methods = Set(samples.compactMap { $0.labels["method"] })
            #expect(methods.isSubset(of: served))
            #expect(methods.contains("flaky.mark.list"), "a plug-in's methods are served methods")

            #expect(samples.value("klage_rpc_refused_total", ["reason": "rate_limit"]) == 1)
            #expect(samples.value("klage_rpc_refused_total", ["reason": "body_too_large"]) == 1)
            #expect(samples.value("klage_rpc_refused_total", ["reason": "in_flight"]) == 0)
            #expect(samples.value("klage_http_requests_in_flight") == 0)

            let hooks = ["channel": "hooks"]
            #expect(samples.value("klage_delivery_failed_total", hooks) == 1)
            #expect(samples.value("klage_delivery_delivered_total", hooks) == 1)
            #expect(samples.value("klage_delivery_retried_total", hooks) == 1)
            #expect(samples.value("klage_delivery_given_up_total", hooks) == 0)
            #expect(samples.value("klage_delivery_delivered_total", ["channel": "webhook"]) == 0)
            #expect(samples.value("klage_scheduler_runs_total") == 1)
            #expect(samples.value("klage_scheduler_failures_total") == 0)

            switch backend {
            case .sqlite:
                let commits = try #require(samples.value("klage_sqlite_commits_total"))
                #expect(commits >= 3, "at least the key, the complaint and the contact")
                #expect(try #require(samples.value("klage_sqlite_committed_writes_total")) >= commits)
                // A background write (the outbox, the report refresher) may be queued at the scrape.
                #expect((0...8).contains(try #require(samples.value("klage_sqlite_write_queue_depth"))))
                #expect(samples.value("klage_postgres_pool_connections_open") == nil)
            case .postgres:
                #expect(samples.value("klage_postgres_pool_connections_max") == 10)
                #expect((samples.value("klage_postgres_pool_connections_open") ?? 0) >= 1)
                #expect(samples.value("klage_postgres_pool_waiters") == 0)
                // The key, the complaint and the contact took at least a message each.
                #expect((samples.value("klage_postgres_round_trips_total") ?? 0) >= 3)
                #expect(samples.value("klage_sqlite_commits_total") == nil)
            }
        }
    }

    @Test func onlyTheTokenReadsMetrics() async throws {
        try await withTestServer(configure: Self.metricsWithToken) { server in
            for authorization in [nil, "Bearer wrong", "Bearer \(Self.token)x", "Bearer \(server.operatorKey)", Self.token] {
                let scrape = try await Self.scrape(server, authorization: authorization)
                #expect(scrape.status == 401)
                #expect(!scrape.text.contains("klage_"))
            }
            #expect(try await Self.scrape(server).status == 200)
        }
    }

    @Test func metricsAreOffUnlessConfigured() async throws {
        try await withTestServer { server in
            let status = try await server.get("/metrics").status
            #expect(status == 404)
        }
    }

    @Test func eachHostCountsItsOwnCalls() async throws {
        try await withTestServer(configure: Self.metricsOnLoopback) { first in
            try await withTestServer(configure: Self.metricsOnLoopback) { second in
                for _ in 0..<3 { _ = try await first.call("system.health", key: nil) }
                _ = try await second.call("system.health", key: nil)
                let (one, two) = (try await Self.samples(first, authorization: nil), try await Self.samples(second, authorization: nil))
                #expect(one.value("klage_rpc_requests_total", ["method": "system.health"]) == 3)
                #expect(two.value("klage_rpc_requests_total", ["method": "system.health"]) == 1)
            }
        }
    }

    @Test func badMetricsConfigurationIsRefusedWithAReason() throws {
        var configuration = ServerConfiguration()
        configuration.metricsToken = Self.token
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
        #expect(Self.reason(configuration)?.contains("metrics is off") == true)
        configuration.metrics = true
        #expect(Self.reason(configuration) == nil)
        configuration.metricsToken = "short"
        #expect(Self.reason(configuration)?.contains("at least 32") == true)
        configuration.metricsToken = String(repeating: "a b", count: 20)
        #expect(Self.reason(configuration)?.contains("without spaces") == true)
        configuration.metricsToken = nil
        #expect(Self.reason(configuration) == nil, "loopback without a token is allowed")
        configuration.host = "0.0.0.0"
        #expect(Self.reason(configuration)?.contains("set metricsToken") == true)
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(path: nil, environment: ["KLAGE_METRICS": "maybe"])
        }
        let loaded = try ServerConfiguration.load(path: nil, environment: ["KLAGE_METRICS": "true", "KLAGE_METRICS_TOKEN": Self.token])
        #expect(loaded.metrics && loaded.metricsToken == Self.token)
    }

    private static func reason(_ configuration: ServerConfiguration) -> String? {
        do {
            try configuration.validate()
            return nil
        } catch {
            return (error as? ConfigurationError)?.message
        }
    }
}
