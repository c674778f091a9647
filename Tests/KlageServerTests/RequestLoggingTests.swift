import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Logging
import Synchronization
import Testing

/// Every log line of a request carries its request id, and none carries params.
@Suite struct RequestLoggingTests {
    /// Keeps every line logged through it.
    final class Lines: Sendable {
        let lines = Mutex<[(message: String, metadata: Logger.Metadata)]>([])
    }

    struct Capture: LogHandler {
        let sink: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = self.metadata.merging(event.metadata ?? [:]) { _, new in new }
            sink.lines.withLock { $0.append((event.message.description, merged)) }
        }
    }

    @Test func everyLineOfARequestCarriesItsIdAndNoParams() async throws {
        try await withTestServer { server throws in
            let sink = Lines()
            let dispatcher = RPCDispatcher(
                registry: server.host.dispatcher.registry, keys: server.host.services.keys,
                logger: Logger(label: "test") { _ in Capture(sink: sink) })
            let key = try await server.key("kobenhavn", .caseworker)
            let body = Data(
                #"[{"jsonrpc":"2.0","id":1,"method":"complaint.get","params":{"id":"Secret Citizen"}},{"jsonrpc":"2.0","id":2,"method":"system.health"}]"#
                    .utf8)
            _ = await dispatcher.handle(body: body, authorization: "Bearer \(key)", requestID: RequestID(header: "req-42")!)
            let lines = sink.lines.withLock { $0 }
            #expect(lines.count == 2)
            for line in lines {
                #expect(line.metadata["request.id"] == "req-42")
                #expect(!"\(line.message) \(line.metadata)".contains("Secret Citizen"))
            }
        }
    }

    @Test func anUnknownMethodNameNeverReachesTheLog() async throws {
        try await withTestServer { server throws in
            let sink = Lines()
            let dispatcher = RPCDispatcher(
                registry: server.host.dispatcher.registry, keys: server.host.services.keys,
                logger: Logger(label: "test") { _ in Capture(sink: sink) })
            let body = Data(#"{"jsonrpc":"2.0","id":1,"method":"Jens Hansen 12345678"}"#.utf8)
            _ = await dispatcher.handle(body: body, authorization: nil, requestID: RequestID(header: "req-43")!)
            let lines = sink.lines.withLock { $0 }
            #expect(!lines.isEmpty)
            for line in lines {
                #expect(!"\(line.message) \(line.metadata)".contains("Jens"))
                #expect(line.metadata["rpc.method"] == "(unknown)")
            }
        }
    }
}
