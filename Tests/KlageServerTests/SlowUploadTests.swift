import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// Slow anonymous uploads cannot lock the JSON-RPC doors: a request takes a slot of the in-flight cap
/// only once its whole body has arrived, so 300 clients trickling bodies to `POST /rpc` and
/// `POST /console/rpc` hold connections, never slots, and another tenant's calls are served.
@Suite struct SlowUploadTests {
    static let slowClients = 300

    /// A cap of 32 requests in flight, far below the slow clients' number.
    static func smallInFlightCap(_ configuration: inout ServerConfiguration) {
        configuration.limits.maxRequestsInFlight = 32
    }

    @Test(arguments: StorageBackend.available)
    func threeHundredSlowUploadsDoNotLockOutAnotherTenant(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, configure: Self.smallInFlightCap) { server throws in
            let key = try await server.key("roskilde", .caseworker)
            let call = Data(#"{"jsonrpc":"2.0","id":1,"method":"complaint.list","params":{}}"#.utf8)
            var before: [Duration] = []
            for _ in 0..<10 {
                let started = ContinuousClock.now
                #expect(try await server.post(call, key: key).status == 200)
                before.append(ContinuousClock.now - started)
            }

            // 300 connections send a head and the first byte of a body that never comes in full.
            var sockets: [RawSocket] = []
            for index in 0..<Self.slowClients {
                let socket = try RawSocket(port: server.port)
                let path = index.isMultiple(of: 2) ? "/rpc" : "/console/rpc"
                #expect(socket.send("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"))
                sockets.append(socket)
            }
            let open = sockets
            let trickle = Task.detached {
                for _ in 0..<20 {
                    try await Task.sleep(for: .milliseconds(250))
                    for socket in open { socket.send(" ") }
                }
            }
            defer { trickle.cancel() }
            try await Task.sleep(for: .milliseconds(300))

            // Meanwhile another tenant's key is served, every time.
            var during: [Duration] = []
            for _ in 0..<10 {
                let started = ContinuousClock.now
                let (status, body) = try await server.post(call, key: key)
                during.append(ContinuousClock.now - started)
                let reply = try JSONParser().parse(body)
                #expect(status == 200, "refused with \(reply["error"]?["code"] ?? .null) while slow uploads were open")
                #expect(reply["result"]?["items"] != nil)
            }
            print(
                "SlowUploadTests: complaint.list before \(before.sorted()[5]), with \(Self.slowClients) slow uploads open \(during.sorted()[5]) (medians)"
            )
            trickle.cancel()
            sockets.removeAll()
        }
    }
}
