import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Bodies that once killed the host, their neighbours, strict JSON, exact ids and the body limit,
/// all over real HTTP: each body gets a JSON-RPC error, and the server answers `system.health` after it.
@Suite struct HostileRequestTests {
    /// One HTTP reply: status, content type and body.
    struct Reply {
        let status: Int
        let contentType: String?
        let body: Data

        var json: JSONValue { (try? JSONParser().parse(body)) ?? .null }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    func post(_ server: TestServer, _ body: Data) async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/rpc")!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        return Reply(status: http?.statusCode ?? 0, contentType: http?.value(forHTTPHeaderField: "Content-Type"), body: data)
    }

    func post(_ server: TestServer, _ body: String) async throws -> Reply {
        try await post(server, Data(body.utf8))
    }

    /// Posts `body`; expects a well-formed JSON-RPC error with `code` to id null (and `reason`, if given),
    /// then that the server still answers `system.health`.
    func expectError(
        _ server: TestServer, _ body: Data, code: Int, reason: String? = nil, _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let reply = try await post(server, body)
        #expect(reply.status == 200, "\(label)", sourceLocation: sourceLocation)
        #expect(
            JSONRPCReplyCheck.problem(status: reply.status, contentType: reply.contentType, body: Array(reply.body)) == nil,
            "\(label): \(reply.text.prefix(200))", sourceLocation: sourceLocation)
        #expect(reply.json["error"]?["code"] == .number(Double(code)), "\(label): \(reply.text.prefix(200))", sourceLocation: sourceLocation)
        #expect(reply.json["id"] == .null, "\(label)", sourceLocation: sourceLocation)
        if let reason {
            #expect(reply.json["error"]?["data"]?["reason"] == .string(reason), "\(label): \(reply.text.prefix(200))", sourceLocation: sourceLocation)
        }
        try await expectHealthy(server, after: label, sourceLocation: sourceLocation)
    }

    func expectHealthy(_ server: TestServer, after label: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let health = try await server.result("system.health", key: nil)
        #expect(health.string("status") == "ok", "system.health after \(label)", sourceLocation: sourceLocation)
    }

    static let tooDeep = "nesting deeper than 64 levels"

    @Test func theCrashBodiesAndTheirNeighboursAnswerAParseError() async throws {
        try await withTestServer { server throws in
            var bodies: [(String, String)] = []
            for depth in [65, 511, 512, 513, 1000, 100_000] {
                bodies.append(("\(depth) brackets", String(repeating: "[", count: depth)))
                bodies.append(("\(depth) closed brackets", String(repeating: "[", count: depth) + String(repeating: "]", count: depth)))
                bodies.append(
                    (
                        "\(depth) brackets and more data",
                        String(repeating: "[", count: depth) + #"{"jsonrpc":"2.0","method":"system.health","id":1} trailing"#
                    ))
                bodies.append(("\(depth) braces", String(repeating: #"{"a":"#, count: depth)))
                bodies.append(("\(depth) closed braces", String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)))
                bodies.append(("\(depth) mixed", String(repeating: #"[{"a":"#, count: depth)))
            }
            var random = SeededGenerator(seed: 513)
            bodies.append(("a random mix", (0..<1000).map { _ in Bool.random(using: &random) ? "[" : #"{"x":"# }.joined()))
            for (label, body) in bodies {
                try await expectError(server, Data(body.utf8), code: -32700, reason: Self.tooDeep, label)
            }
        }
    }

    @Test func nestingInsideParamsIsBoundedToo() async throws {
        try await withTestServer { server throws in
            let head = #"{"jsonrpc":"2.0","id":7,"method":"system.health","params":{"a":"#
            for depth in [63, 511, 513] {
                try await expectError(
                    server, Data((head + String(repeating: "[", count: depth)).utf8), code: -32700, reason: Self.tooDeep,
                    "params nested \(depth) deep, unclosed")
                let closed = head + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}}"
                try await expectError(server, Data(closed.utf8), code: -32700, reason: Self.tooDeep, "params nested \(depth) deep, closed")
            }
            // The request is depth 1 and params depth 2: 62 more levels reach the method.
            let deepest = head + String(repeating: "[", count: 62) + String(repeating: "]", count: 62) + "}}"
            let reply = try await post(server, deepest)
            #expect(reply.json["result"]?["status"] == "ok", "\(reply.text.prefix(200))")
            #expect(reply.json["id"] == 7)
        }
    }

    @Test func trailingCommasAndOtherNonJSONAreParseErrors() async throws {
        try await withTestServer { server throws in
            let bodies = [
                #"{"jsonrpc":"2.0","id":1,}"#, "[1,]", #"[{"jsonrpc":"2.0","method":"system.health","id":1},]"#,
                #"{"jsonrpc":"2.0","method":"system.health","params":{"a":[1,]},"id":1}"#,
                #"{"jsonrpc":"2.0","method":"system.health","id":01}"#, #"{"jsonrpc":"2.0","method":"system.health","id":NaN}"#,
                #"{"jsonrpc":"2.0","method":"system.health","id":Infinity}"#, #"{"jsonrpc":"2.0","method":"system.health","id":1} x"#,
                #"{"jsonrpc":"2.0","method":"system.health","id":1,"id":2}"#, #"{"jsonrpc":"2.0","method":"system\ud800","id":1}"#,
                "{\"jsonrpc\":\"2.0\",\"method\":\"system\u{1}health\",\"id\":1}", "", " ",
            ]
            for body in bodies {
                try await expectError(server, Data(body.utf8), code: -32700, body)
            }
            try await expectError(
                server, Data(#"{"jsonrpc":"2.0","method":"x"#.utf8) + Data([0xC0, 0xAF]) + Data(#"","id":1}"#.utf8),
                code: -32700, reason: "invalid UTF-8", "an overlong slash")
        }
    }

    @Test func numericIDsAreEchoedVerbatim() async throws {
        try await withTestServer { server throws in
            let literals = ["9007199254740993", "12345678901234567890", "-0", "1.5e3", "1E400", "0", "-12.50", "1e-400"]
            for literal in literals {
                let ok = try await post(server, #"{"jsonrpc":"2.0","method":"system.health","id":\#(literal)}"#)
                #expect(ok.text.hasPrefix(#"{"jsonrpc":"2.0","id":\#(literal),"result":"#), "\(ok.text.prefix(120))")
                let failed = try await post(server, #"{"id" : \#(literal) ,"jsonrpc":"2.0","method":"no.such.method"}"#)
                #expect(failed.text.hasPrefix(#"{"jsonrpc":"2.0","id":\#(literal),"error":"#), "\(failed.text.prefix(120))")
            }
            let batch = "[" + literals.map { #"{"jsonrpc":"2.0","method":"system.health","id":\#($0)}"# }.joined(separator: ",") + "]"
            let reply = try await post(server, batch)
            for literal in literals {
                #expect(reply.text.contains(#"{"jsonrpc":"2.0","id":\#(literal),"result":"#), "\(literal) in the batch")
            }
            #expect(reply.json.arrayValue?.count == literals.count)
            let string = try await post(server, #"{"jsonrpc":"2.0","method":"system.health","id":"a\"b\u00e6 9007199254740993"}"#)
            #expect(string.json["id"] == "a\"bæ 9007199254740993")
        }
    }

    @Test func aNumberBeyondDoubleInParamsIsInvalidParams() async throws {
        try await withTestServer { server throws in
            let reply = try await post(server, #"{"jsonrpc":"2.0","method":"system.health","params":{"n":[1,-1E400]},"id":3}"#)
            #expect(reply.json["error"]?["code"] == -32602)
            #expect(reply.json["error"]?["data"]?["field"] == "n[1]")
            #expect(reply.json["id"] == 3)
            try await expectHealthy(server, after: "1E400 in params")
        }
    }

    @Test func aBodyOverTheLimitGets413WithAJSONRPCError() async throws {
        try await withTestServer { server throws in
            let limit = server.host.configuration.maxBodyBytes
            let big = try await post(server, Data(repeating: UInt8(ascii: "["), count: limit + 1))
            #expect(big.status == 413)
            #expect(big.contentType?.hasPrefix("application/json") == true)
            #expect(big.json["error"]?["code"] == -32600)
            #expect(big.json["id"] == .null)
            #expect(big.json["error"]?["data"]?["reason"] == .string("the body is larger than \(limit) bytes"))
            #expect(JSONRPCReplyCheck.problem(status: big.status, contentType: big.contentType, body: Array(big.body)) == nil)
            // Exactly at the limit the body is read.
            let request = Data(#"{"jsonrpc":"2.0","method":"system.health","id":1}"#.utf8)
            let atLimit = try await post(server, request + Data(repeating: UInt8(ascii: " "), count: limit - request.count))
            #expect(atLimit.status == 200)
            #expect(atLimit.json["result"]?["status"] == "ok")
            try await expectHealthy(server, after: "an oversized body")
        }
    }
}
