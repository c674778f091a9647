import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Logging
import Synchronization
import Testing

/// `logFormat: json`: one JSON object per line with the time, level, request id, tenant, method,
/// duration and outcome of each call, and no personal data.
@Suite struct JSONLogTests {
    final class Lines: Sendable {
        let text = Mutex<[String]>([])
    }

    @Test(arguments: StorageBackend.available)
    func aComplaintCreateIsOneJSONLineWithoutPersonalData(_ backend: StorageBackend) async throws {
        let lines = Lines()
        let logger = Logger(label: "klage") { label in
            var handler = JSONLogHandler(label: label) { line in lines.text.withLock { $0.append(line) } }
            handler.logLevel = .info
            return handler
        }
        try await withTestServer(backend, logger: logger) { server throws in
            let key = try await server.key("roskilde", .integration)
            lines.text.withLock { $0.removeAll() }
            let created = try await server.result(
                "complaint.create",
                [
                    "workflow": "roskilde.abc", "channel": "phone", "subject": "Ventetid", "description": "Ingen har ringet tilbage",
                    "citizen": ["name": "Karen Testborger", "phone": "+4520304050", "cpr": "0101901234"],
                ], key: key)
            #expect(created.string("id") != nil)
            let written = lines.text.withLock { $0 }
            let calls = try written.map { line in
                #expect(line.hasSuffix("}\n") && line.filter { $0 == "\n" }.count == 1, "not one line: \(line)")
                return try JSONParser().parse(Data(line.utf8))
            }.filter { $0.string("message") == "rpc call" && $0.string("rpc.method") == "complaint.create" }
            let call = try #require(calls.first, "no rpc call line in \(written)")
            #expect(call.string("level") == "info")
            #expect(call.string("tenant") == "roskilde")
            #expect(call.string("outcome") == "ok")
            #expect(call.string("request.id")?.isEmpty == false)
            if case .number(let milliseconds)? = call["ms"] { #expect(milliseconds >= 0) } else { Issue.record("ms is not a number: \(call)") }
            #expect(Timestamp.parse(call.string("time") ?? "").map { $0 <= Date() } == true)
            for line in written {
                for personal in ["Karen", "Testborger", "20304050", "0101901234", "Ventetid", key] {
                    #expect(!line.contains(personal), "personal data or a key in the log: \(line)")
                }
            }
        }
    }

    @Test func metadataKeepsItsShapeAndStringsAreEscaped() throws {
        let lines = Lines()
        var logger = Logger(label: "klage") { label in JSONLogHandler(label: label) { line in lines.text.withLock { $0.append(line) } } }
        logger[metadataKey: "request.id"] = "r-1"
        logger.warning(
            "a \"quoted\"\nline\u{1}",
            metadata: ["count": .stringConvertible(3), "ms": .stringConvertible(1.5), "list": ["a", "b"], "nested": ["k": "v"]])
        let line = try #require(lines.text.withLock { $0.first })
        let parsed = try JSONParser().parse(Data(line.utf8))
        #expect(parsed.string("message") == "a \"quoted\"\nline\u{1}")
        #expect(parsed["count"] == .number(3) && parsed["ms"] == .number(1.5))
        #expect(parsed["list"] == ["a", "b"] && parsed["nested"] == ["k": "v"])
        #expect(parsed.string("request.id") == "r-1" && parsed.string("level") == "warning" && parsed.string("label") == "klage")
        logger.debug("below the level")
        #expect(lines.text.withLock { $0.count } == 1)
    }

    @Test func theFormatIsChosenByConfigurationAndAWrongOneIsRefused() throws {
        #expect(try ServerConfiguration.load(path: nil, environment: ["KLAGE_LOG_FORMAT": "json"]).logFormat == .json)
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(path: nil, environment: ["KLAGE_LOG_FORMAT": "xml"]) }
        var configuration = ServerConfiguration()
        configuration.logLevel = "loud"
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
    }
}
