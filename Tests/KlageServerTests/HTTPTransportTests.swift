import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// HTTP concerns: health endpoints, notifications, the body limit, and `rpc.discover`.
@Suite struct HTTPTransportTests {
    @Test func healthAndReadinessAnswer() async throws {
        try await withTestServer { server throws in
            #expect(try await server.get("/healthz").status == 200)
            #expect(try await server.get("/readyz").status == 200)
            let health = try await server.result("system.health", key: nil)
            #expect(health.string("status") == "ok")
            #expect(health.string("storage") == "ok")
        }
    }

    @Test func aNotificationGetsNoContentAndABadBodyAParseError() async throws {
        try await withTestServer { server throws in
            let notification = try await server.post(Data(#"{"jsonrpc":"2.0","method":"system.health"}"#.utf8), key: nil)
            #expect(notification.status == 204)
            #expect(notification.body.isEmpty)
            let garbage = try await server.post(Data("{nope".utf8), key: nil)
            #expect(JSONValue.parse(garbage.body)["error"]?["code"] == -32700)
        }
    }

    @Test func aSafeRequestIdIsEchoedAndAnUnsafeOneReplaced() async throws {
        try await withTestServer { server throws in
            func post(requestID: String?) async throws -> String? {
                var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/rpc")!)
                request.httpMethod = "POST"
                request.httpBody = Data(#"{"jsonrpc":"2.0","id":1,"method":"system.health"}"#.utf8)
                if let requestID { request.setValue(requestID, forHTTPHeaderField: "X-Request-Id") }
                let (_, response) = try await URLSession.shared.data(for: request)
                return (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "X-Request-Id")
            }
            #expect(try await post(requestID: "esdh-4711.a:b_c") == "esdh-4711.a:b_c")
            let made = try await post(requestID: nil)
            #expect(made?.count == 36, "a fresh id when the caller sends none")
            let unsafe = try await post(requestID: "a b\"c")
            #expect(unsafe != nil && unsafe != "a b\"c" && unsafe?.count == 36)
            let long = try await post(requestID: String(repeating: "x", count: 129))
            #expect(long?.count == 36, "an id longer than 128 characters is replaced")
        }
    }

    @Test func aBodyOverTheLimitIsRefused() async throws {
        try await withTestServer { server throws in
            let big = Data(repeating: UInt8(ascii: " "), count: server.host.configuration.maxBodyBytes + 1)
            #expect(try await server.post(big, key: nil).status == 413)
        }
    }

    @Test func discoverNamesExactlyTheServedMethodsAndPassesTheOpenRPCSchema() async throws {
        try await withTestServer { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let document = try await server.result("rpc.discover", key: key)
            let names = Set(document["methods"]?.arrayValue?.compactMap { $0.string("name") } ?? [])
            let (actor, tenant) = try await server.host.services.keys.authenticate(key)
            let served = Set(server.host.dispatcher.registry.entries(for: actor, tenant: tenant).map(\.name))
            #expect(names == served)
            #expect(!names.contains("tenant.create"), "a tenant key cannot call operator methods")
            for name in names {
                let error = try await server.call(name, [:], key: key)["error"]?["code"]
                #expect(error != -32601 && error != -32003, "\(name) is listed but not callable")
            }
            let operatorNames = try await server.result("rpc.discover", key: server.operatorKey)["methods"]?.arrayValue?.compactMap {
                $0.string("name")
            }
            #expect(
                operatorNames == [
                    "apiKey.create", "apiKey.list", "apiKey.revoke", "apiKey.rotate", "audit.verify", "outbox.list", "outbox.retry", "rpc.discover",
                    "survey.submit",
                    "system.health", "tenant.create", "tenant.get", "tenant.list",
                ])
            let everything = Set(try await server.result("rpc.discover", key: nil)["methods"]?.arrayValue?.compactMap { $0.string("name") } ?? [])
            #expect(
                everything == Set(server.host.dispatcher.registry.names.filter { server.host.dispatcher.registry.entry($0)?.plugin == nil }),
                "without a key: every core method, no plug-in's")
            for required in [
                "rpc.discover", "system.health", "tenant.create", "tenant.list", "tenant.get", "apiKey.create", "apiKey.revoke",
                "workflow.list", "complaint.create", "complaint.get", "complaint.list", "complaint.act", "complaint.journey",
                "contact.record", "contact.list", "learning.create", "learning.get", "learning.list", "learning.act",
            ] {
                #expect(everything.contains(required), "rpc.discover lacks \(required)")
            }
            try OpenRPCValidator.validate(document)
            // Plug-in methods are part of the document of a tenant that enables them, and it still validates.
            let gladsaxe = try await server.result("rpc.discover", key: try await server.key("gladsaxe", .leader))
            #expect(gladsaxe["methods"]?.arrayValue?.contains { $0.string("name") == "gladsaxe.action.create" } == true)
            try OpenRPCValidator.validate(gladsaxe)
        }
    }
}
