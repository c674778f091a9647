import Foundation
import KlageKernel
import KlageRPC
import KlageStorage
import KlageTestSupport
import Synchronization
import Testing

@testable import KlageServer

/// Anonymous work is bounded before the database: made-up keys and cookies past an address's budget,
/// unknown intake tenants and `/readyz` are answered from memory. The proof: with the database
/// closed, they are still answered as before, where a lookup would have failed.
@Suite struct AnonymousBudgetTests {
    static func fiveFailures(_ configuration: inout ServerConfiguration) {
        MetricsTests.metricsWithToken(&configuration)
        configuration.limits.failedCredentialsPerSecond = 0.001
        configuration.limits.failedCredentialsBurst = 5
        configuration.tenants = EveryDoorTests.tenants
    }

    @Test(arguments: StorageBackend.available)
    func madeUpKeysAndCookiesPastTheBudgetAreRefusedFromMemory(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, configure: Self.fiveFailures) { server in
            let body = Data(#"{"jsonrpc":"2.0","id":1,"method":"complaint.list","params":{}}"#.utf8)
            let madeUp = "klage_" + String(repeating: "A", count: 43)
            // Staff at the same address, signed in before the guessing starts.
            let colleague = try await server.key("kobenhavn", .caseworker)
            #expect(try await server.post(body, key: colleague).status == 200)
            var console = ConsoleClient(port: server.port)
            try await console.signIn(try await server.key("kobenhavn", .caseworker))
            for _ in 0..<3 {
                let (status, reply) = try await server.post(body, key: madeUp)
                #expect(status == 200)
                #expect(try JSONParser().parse(reply)["error"]?["code"] == -32001)
            }
            // A WebSocket upgrade with a made-up key draws on the same budget.
            for _ in 0..<2 {
                let answer = await Self.upgrade(port: server.port, key: madeUp)
                #expect(answer.hasPrefix("HTTP/1.1 4"), "\(answer.debugDescription)")
            }
            let (status, reply) = try await server.post(body, key: madeUp)
            #expect(status == 429)
            #expect(try JSONParser().parse(reply)["error"]?["code"] == -32029)
            let cookie = ["Cookie": "klage_session=" + String(repeating: "B", count: 43), "X-CSRF-Token": "x"]
            #expect(try await ConsoleClient(port: server.port).send("POST", "/console/rpc", body: body, headers: cookie).status == 401)

            // The address's budget is spent, but credentials found valid before are still looked up.
            #expect(try JSONParser().parse(try await server.post(body, key: colleague).body)["result"] != nil)
            #expect(try await console.send("POST", "/console/rpc", body: body).status == 200)
            #expect(try await server.get("/klage/kobenhavn").status == 200)
            let samples = try await MetricsTests.samples(server)
            #expect(samples.value("klage_rpc_refused_total", ["reason": "failed_credentials"]) == 1)

            // From here on nothing may reach the database: close it, and the answers stay the same.
            await server.host.store.driver.close()
            let (closedStatus, closedReply) = try await server.post(body, key: madeUp)
            #expect(closedStatus == 429)
            #expect(try JSONParser().parse(closedReply)["error"]?["code"] == -32029)
            #expect(try await ConsoleClient(port: server.port).send("POST", "/console/rpc", body: body, headers: cookie).status == 401)
            #expect(try await ConsoleClient(port: server.port).send("GET", "/console/session", headers: cookie).status == 401)
            #expect(try await server.get("/klage/made-up-\(UUID().uuidString.prefix(8))").status == 404, "an unknown tenant, from memory")
            #expect(try await server.get("/klage/kobenhavn").status == 200, "a known one, from memory")
            #expect(await Self.upgrade(port: server.port, key: madeUp).hasPrefix("HTTP/1.1 4"), "no upgrade, no lookup")
        }
    }

    /// Asks for a WebSocket upgrade of `/rpc/ws` with `key`; the first bytes of the answer.
    static func upgrade(port: Int, key: String) async -> String {
        await onOwnThread {
            guard let socket = try? RawSocket(port: port) else { return "" }
            socket.send(
                "GET /rpc/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer \(key)\r\n\r\n")
            if case .data(let text) = socket.read() { return text }
            return ""
        }
    }

    @Test func readinessPingsStorageAtMostOnceASecond() async {
        let pings = Atomic<Int>(0)
        let probe = ReadinessProbe {
            pings.add(1, ordering: .relaxed)
            try? await Task.sleep(for: .milliseconds(50))
            return true
        }
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 { group.addTask { await probe.ready() } }
            for await ready in group { #expect(ready) }
        }
        #expect(pings.load(ordering: .relaxed) == 1)
        let later = ContinuousClock.now + .seconds(2)
        #expect(await probe.ready(now: later))
        #expect(pings.load(ordering: .relaxed) == 2, "an answer older than a second is asked again")
    }

    @Test func theTenantDirectoryReadsStorageOnceForAnyNumberOfMadeUpNames() async throws {
        let loads = Atomic<Int>(0)
        let directory = TenantDirectory {
            loads.add(1, ordering: .relaxed)
            return [Tenant(id: "kobenhavn", name: "København", plugins: [], settings: [:], createdAt: Date())]
        }
        for index in 0..<1_000 { #expect(try await directory.tenant(TenantID("made-up-\(index)")) == nil) }
        #expect(try await directory.tenant("kobenhavn")?.name == "København")
        #expect(loads.load(ordering: .relaxed) == 1)
        _ = try await directory.tenant("kobenhavn", now: .now + .seconds(10))
        #expect(loads.load(ordering: .relaxed) == 2, "read again once it is older than its age")
    }

    @Test func theIntakeLimiterForgetsQuietClientsPastItsCapacity() {
        let limiter = IntakeLimiter(capacity: 1_000)
        for index in 0..<50_000 { _ = limiter.admit("198.51.\(index / 256).\(index % 256)", ceiling: 10) }
        #expect(limiter.count <= 1_000)
        let now = Date()
        #expect(limiter.admit("a", ceiling: 2, at: now) && limiter.admit("a", ceiling: 2, at: now))
        #expect(!limiter.admit("a", ceiling: 2, at: now))
        #expect(limiter.admit("a", ceiling: 2, at: now.addingTimeInterval(3601)), "an hour later")
    }
}
