import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The host-wide cap on requests in flight: over it, a request is answered -32029 (HTTP 503 with
/// `Retry-After`) at once instead of queueing; under it again, requests are served.
@Suite struct LoadSheddingTests {
    static let health = Data(#"{"jsonrpc":"2.0","id":1,"method":"system.health"}"#.utf8)
    static let wait = Data(#"{"jsonrpc":"2.0","id":7,"method":"hold.request.wait"}"#.utf8)
    static let tenants: [ServerConfiguration.TenantSeed] = [.init(id: "kobenhavn", name: "Københavns Kommune", plugins: ["hold"])]

    /// At most two requests in flight.
    static func twoInFlight(_ configuration: inout ServerConfiguration) {
        configuration.limits.maxRequestsInFlight = 2
    }

    @Test func requestsOverTheInFlightCapAreRefusedAtOnce() async throws {
        let gate = Gate()
        try await withTestServer(plugins: KlagePlugins.all + [HoldPlugin(gate: gate)], tenants: Self.tenants, configure: Self.twoInFlight) {
            server throws in
            defer { gate.open() }  // never leave a request waiting: the server's shutdown would wait for it
            let key = try await server.key("kobenhavn", .caseworker)
            // Two requests in flight: both wait at the gate, inside the server, until it opens.
            let held = (0..<2).map { _ in Task { try await server.post(Self.wait, key: key) } }
            var arrivals = gate.arrivals.makeAsyncIterator()
            for _ in held { _ = await arrivals.next() }

            // A third request is refused at once, with a JSON-RPC error and Retry-After.
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/rpc")!)
            request.httpMethod = "POST"
            request.httpBody = Self.health
            let (data, response) = try await URLSession.shared.data(for: request)
            let reply = try JSONParser().parse(data)
            #expect((response as? HTTPURLResponse)?.statusCode == 503)
            #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Retry-After") == "1")
            #expect(reply["error"]?["code"] == -32029)
            #expect(reply["error"]?["data"]?["retryAfterSeconds"] == 1)
            #expect(reply["id"] == .null)

            // The held requests are served once the gate opens; then there is room again.
            gate.open()
            for task in held {
                let (status, body) = try await task.value
                #expect(status == 200)
                #expect(try JSONParser().parse(body)["result"]?["passed"] == true)
            }
            #expect(try await server.post(Self.health, key: nil).status == 200)
        }
    }
}
