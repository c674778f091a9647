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
    static let health = #"{"jsonrpc":"2.0","id":1,"method":"system.health"}"#

    /// The head of a `POST /rpc` whose body is `health`.
    static let head = "POST /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(health.utf8.count)\r\n\r\n"

    /// At most two requests in flight.
    static func twoInFlight(_ configuration: inout ServerConfiguration) {
        configuration.limits.maxRequestsInFlight = 2
    }

    func post(_ server: TestServer) async throws -> (status: Int, retryAfter: String?, json: JSONValue) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/rpc")!)
        request.httpMethod = "POST"
        request.httpBody = Data(Self.health.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Retry-After"), (try? JSONParser().parse(data)) ?? .null)
    }

    @Test func requestsOverTheInFlightCapAreRefusedAtOnce() async throws {
        try await withTestServer(configure: Self.twoInFlight) { server throws in
            // Two requests in flight: their heads are read, their bodies are still coming.
            let held = try (0..<2).map { _ in try RawSocket(port: server.port) }
            for socket in held { #expect(socket.send(Self.head + String(Self.health.prefix(10)))) }

            // The server may take a moment to read the two heads; wait for the third request to be refused.
            var refused: (status: Int, retryAfter: String?, json: JSONValue)?
            for _ in 0..<200 {
                let reply = try await post(server)
                if reply.status != 200 {
                    refused = reply
                    break
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            let reply = try #require(refused, "a third request was served while two were in flight")
            #expect(reply.status == 503)
            #expect(reply.retryAfter == "1")
            #expect(reply.json["error"]?["code"] == -32029)
            #expect(reply.json["error"]?["data"]?["retryAfterSeconds"] == 1)
            #expect(reply.json["id"] == .null)

            // The held requests complete and are served; then there is room again.
            for socket in held {
                #expect(socket.send(String(Self.health.dropFirst(10))))
                let answer = await onOwnThread { socket.read() }
                guard case .data(let text) = answer else {
                    Issue.record("no reply to a held request: \(answer)")
                    continue
                }
                #expect(text.hasPrefix("HTTP/1.1 200"))
                #expect(text.contains(#""status":"ok""#))
            }
            #expect(try await post(server).status == 200)
        }
    }
}
