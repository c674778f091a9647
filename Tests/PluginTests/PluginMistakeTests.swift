import Foundation
import KlageKernel
import KlageServer
import KlageTestSupport
import Testing

/// What only a request can find in a plug-in's code (a param it reads but does not declare, a record
/// whose properties clash with the store's) is a logged internal error for that request, never a trap
/// that takes the host and every other tenant's requests down with it.
@Suite struct PluginMistakeTests {
    struct Mistaken: KlagePlugin {
        let id: PluginID = "mistaken"
        let title = "Test: mistakes only a request finds"

        /// A record with a property the store keeps itself.
        struct Clashing: StorableRecord {
            static let kind = "clashing"
            var version: Int
            var index: RecordIndex<NoState> { RecordIndex() }
        }

        static let declared = Field<String?>("declared", .text(max: 10))
        static let undeclared = Field<String?>("undeclared", .text(max: 10))

        func register(into registrar: inout PluginRegistrar) {
            registrar.operation(
                PluginOperation("mistaken.param.read", summary: "Reads a param it does not declare.", roles: [.caseworker], params: [Self.declared]) {
                    input, _ in ItemList([try input[Self.undeclared] ?? ""])
                })
            registrar.operation(
                PluginOperation("mistaken.record.create", summary: "Stores a record with a reserved property.", roles: [.caseworker]) { _, context in
                    try await context.records.create(Clashing(version: 7))
                })
        }
    }

    @Test func aMistakeOnlyARequestFindsIsAnInternalErrorForThatRequest() async throws {
        try await withTestServer(plugins: KlagePlugins.all + [Mistaken()]) { server throws in
            _ = try await server.result(
                "tenant.create", ["id": "odense", "name": "Odense Kommune", "plugins": ["mistaken"]], key: server.operatorKey)
            let key = try await server.key("odense", .caseworker)
            #expect(try await server.call("mistaken.param.read", ["declared": "x"], key: key)["error"]?["code"] == -32603)
            #expect(try await server.call("mistaken.record.create", [:], key: key)["error"]?["code"] == -32603)
            // The host is still serving.
            #expect(try await server.result("system.health", key: nil).string("status") == "ok")
        }
    }
}
