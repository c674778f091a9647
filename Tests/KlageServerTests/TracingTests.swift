import Foundation
import Hummingbird
import KlageKernel
import KlageRPC
import KlageServer
import KlageStorage
import KlageTestSupport
import Synchronization
import Testing

/// Traces over OTLP/HTTP: a `complaint.create` sent with a W3C `traceparent` is exported, by swift-otel
/// to a receiver on loopback, as the server's span of the request, its JSON-RPC call and the call's
/// storage transactions, all in the caller's trace, with no personal data.
@Suite struct TracingTests {
    /// What the receiver was sent.
    final class Exports: Sendable {
        let bodies = Mutex<[Data]>([])
    }

    @Test(arguments: StorageBackend.available)
    func aComplaintCreateIsTracedFromTheProxysTraceparentIntoStorage(_ backend: StorageBackend) async throws {
        let exports = Exports()
        let router = Router()
        router.post("v1/traces") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 16 << 20)
            exports.bodies.withLock { $0.append(Data(body.readableBytesView)) }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: .init(string: "{}")))
        }
        try await withLoopbackServer(router, label: "otlp-receiver") { port in
            let settings = TracingSettings(endpoint: "http://127.0.0.1:\(port)/v1/traces", protocol: "http/json")
            // The delivery dispatcher polls storage all along: its transactions are no request's, and make no spans.
            try await withTestServer(
                backend,
                configure: {
                    $0.tracing = settings
                    $0.deliveryIntervalSeconds = 0.05
                }
            ) { server throws in
                try await Self.createTraced(on: server)
                try await Task.sleep(for: .milliseconds(300))
            }
            // Stopping the server flushed the spans it held.
            try Self.check(exports.bodies.withLock { $0 }, backend: backend)
        }
    }

    static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let parentID = "00f067aa0ba902b7"
    static let personal = ["Karen Sporbar", "20304050", "0101901234"]

    /// `complaint.create` in the trace of a proxy's `traceparent`.
    static func createTraced(on server: TestServer) async throws {
        let key = try await server.key("roskilde", .integration)
        let request: JSONValue = [
            "jsonrpc": "2.0", "id": 1, "method": "complaint.create",
            "params": [
                "workflow": "roskilde.abc", "channel": "phone", "subject": "Sporet", "description": "Et spor",
                "citizen": ["name": .string(personal[0]), "phone": .string(personal[1]), "cpr": .string(personal[2])],
            ],
        ]
        let answer = try await server.post(try JSONEncoder().encode(request), key: key, headers: ["traceparent": "00-\(traceID)-\(parentID)-01"])
        #expect(answer.status == 200 && JSONValue.parse(answer.body)["result"]?.string("id") != nil)
        // The events the call recorded keep the trace (the request span's context), for their webhooks.
        let stored = try await server.host.store.driver.read(tenant: nil) { connection in
            try connection.query("SELECT trace_parent FROM events WHERE type = 'complaint.received'").compactMap { $0["trace_parent"].text }
        }
        #expect(stored.count == 1 && stored.allSatisfy { $0.hasPrefix("00-\(traceID)-") && !$0.contains(parentID) }, "\(stored)")
    }

    /// The request's span under the proxy's, the call's under it, storage under the call; no personal data anywhere.
    static func check(_ bodies: [Data], backend: StorageBackend) throws {
        let roots = try spans(bodies).filter { id($0, "parentSpanId") == nil }
        #expect(roots.allSatisfy { $0["kind"] == 2 }, "spans outside a request: \(roots.map { $0.string("name") ?? "" })")
        let spans = try spans(bodies).filter { id($0, "traceId") == traceID }
        let http = try #require(spans.first { $0.string("name") == "POST /rpc" }, "no span of the request in \(spans.map { $0.string("name") })")
        #expect(id(http, "parentSpanId") == parentID)
        let call = try #require(spans.first { $0.string("name") == "jsonrpc complaint.create" })
        #expect(id(call, "parentSpanId") == id(http, "spanId"))
        #expect(attribute("rpc.method", of: call) == "complaint.create")
        #expect(attribute("klage.tenant", of: call) == "roskilde")
        let storage = spans.filter { $0.string("name") == "db.write" && id($0, "parentSpanId") == id(call, "spanId") }
        #expect(!storage.isEmpty, "no storage span under the call")
        #expect(storage.allSatisfy { attribute("db.system", of: $0) == (backend == .sqlite ? "sqlite" : "postgresql") })
        let everything = String(decoding: bodies.joined(), as: UTF8.self)
        for text in personal { #expect(!everything.contains(text), "personal data in a span") }
    }

    @Test func anUntracedServerHasNoTracerAndABadEndpointIsRefused() throws {
        var configuration = ServerConfiguration()
        #expect(configuration.tracing == nil)
        configuration.tracing = TracingSettings(endpoint: "collector:4318")
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
        configuration.tracing = TracingSettings(endpoint: "http://collector:4318/v1/traces", protocol: "grpc")
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
        let fromEnvironment = try ServerConfiguration.load(path: nil, environment: ["KLAGE_TRACES_ENDPOINT": "http://collector:4318/v1/traces"])
        #expect(fromEnvironment.tracing?.endpoint == "http://collector:4318/v1/traces")
    }

    /// Every span of every OTLP/JSON export (`resourceSpans[].scopeSpans[].spans[]`), read by the strict parser.
    static func spans(_ bodies: [Data]) throws -> [JSONValue] {
        try bodies.flatMap { body -> [JSONValue] in
            let export = try JSONParser().parse(body)
            return (export["resourceSpans"]?.arrayValue ?? []).flatMap { resource in
                (resource["scopeSpans"]?.arrayValue ?? []).flatMap { $0["spans"]?.arrayValue ?? [] }
            }
        }
    }

    /// A trace or span id as hex: OTLP/JSON writes ids in hex, swift-otel (through swift-protobuf's JSON)
    /// in base64; either is read.
    static func id(_ span: JSONValue, _ key: String) -> String? {
        guard let text = span.string(key), !text.isEmpty else { return nil }
        if text.count == 32 || text.count == 16, text.allSatisfy(\.isHexDigit) { return text.lowercased() }
        return Data(base64Encoded: text).map { $0.map { String(format: "%02x", $0) }.joined() }
    }

    /// A span attribute's value, as text.
    static func attribute(_ key: String, of span: JSONValue) -> String? {
        guard let found = span["attributes"]?.arrayValue?.first(where: { $0.string("key") == key }) else { return nil }
        return found["value"]?.string("stringValue") ?? found["value"]?.string("intValue")
    }
}
