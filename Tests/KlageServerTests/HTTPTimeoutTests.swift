import Foundation
import KlageServer
import KlageTestSupport
import Testing

/// Slow clients lose their connections: one that sends nothing, or only part of a request head, is
/// closed after the idle timeout; one whose body trickles is closed after the request timeout. The
/// timeouts are short here; each socket waits up to 20 s, so without them the reads time out instead.
@Suite struct HTTPTimeoutTests {
    /// A configuration with one limit changed.
    static func limits(_ setting: WritableKeyPath<ServerLimits, Double>, _ value: Double) -> (inout ServerConfiguration) -> Void {
        { $0.limits[keyPath: setting] = value }
    }

    @Test func anIdleConnectionAndAnUnfinishedHeadAreClosedAfterTheIdleTimeout() async throws {
        try await withTestServer(configure: Self.limits(\.httpIdleTimeoutSeconds, 0.5)) { server throws in
            let silent = try RawSocket(port: server.port)
            #expect(await onOwnThread { silent.read() } == .closed, "a connection that never sends")

            let slowHead = try RawSocket(port: server.port)
            #expect(slowHead.send("POST /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-"))
            #expect(await onOwnThread { slowHead.read() } == .closed, "a head that never ends")
            #expect(try await server.result("system.health", key: nil).string("status") == "ok")

        }
    }

    @Test func aBodyThatTricklesIsCutOffAfterTheRequestTimeout() async throws {
        try await withTestServer(configure: Self.limits(\.httpRequestTimeoutSeconds, 0.5)) { server throws in
            let slowBody = try RawSocket(port: server.port)
            #expect(slowBody.send("POST /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\""))
            let (end, _) = await onOwnThread { slowBody.readUntilClosed() }
            #expect(end == .closed)
            #expect(try await server.result("system.health", key: nil).string("status") == "ok")
        }
    }
}
