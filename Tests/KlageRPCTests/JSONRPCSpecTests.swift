import Foundation
import KlageKernel
import KlageTestSupport
import Testing

@testable import KlageRPC

/// The JSON-RPC 2.0 specification's section 7 examples (by-name params), against the real dispatcher.
@Suite struct JSONRPCSpecTests {
    static let minuend = Field<Int>("minuend", .integer(min: .min, max: .max))
    static let subtrahend = Field<Int>("subtrahend", .integer(min: .min, max: .max))
    static let values = Field<[Int]>("values", .list(.integer(min: .min, max: .max), max: 100))

    /// The specification's methods.
    static let methods = [
        RPCMethod("subtract", summary: "minuend - subtrahend", access: .open, params: [minuend, subtrahend]) { input, _ in
            input[minuend] - input[subtrahend]
        },
        RPCMethod("sum", summary: "the sum", access: .open, params: [values]) { input, _ in input[values].reduce(0, +) },
        RPCMethod("update", summary: "a notification target", access: .open) { _, _ in true },
        RPCMethod("get_data", summary: "some data", access: .open) { _, _ -> [JSONValue] in ["hello", 5] },
        RPCMethod("secret", summary: "needs a key", access: .anyTenantRole) { _, _ in "s" },
    ]

    /// Runs `body` with a dispatcher serving the specification's methods over a real store.
    func withDispatcher(_ body: (RPCDispatcher) async throws -> Void) async throws {
        try await KlageRPCTests.withDispatcher(serving: Self.methods, body)
    }

    func answer(_ dispatcher: RPCDispatcher, _ body: String, key: String? = nil) async -> JSONValue? {
        guard let data = await dispatcher.handle(body: Data(body.utf8), authorization: key.map { "Bearer \($0)" }) else { return nil }
        return JSONValue.parse(data)
    }

    @Test func callsWithNamedParams() async throws {
        try await withDispatcher { dispatcher in
            let reply = await answer(dispatcher, #"{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, "id": 3}"#)
            #expect(reply == ["jsonrpc": "2.0", "result": 19, "id": 3])
            let again = await answer(
                dispatcher, #"{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": "four"}"#)
            #expect(again == ["jsonrpc": "2.0", "result": 19, "id": "four"])
        }
    }

    @Test func aNotificationGetsNoResponse() async throws {
        try await withDispatcher { dispatcher in
            #expect(await answer(dispatcher, #"{"jsonrpc": "2.0", "method": "update"}"#) == nil)
            #expect(await answer(dispatcher, #"{"jsonrpc": "2.0", "method": "foobar"}"#) == nil)
            #expect(await answer(dispatcher, #"{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23]}"#) == nil)
        }
    }

    @Test func anUnknownMethodIsMethodNotFound() async throws {
        try await withDispatcher { dispatcher in
            let reply = await answer(dispatcher, #"{"jsonrpc": "2.0", "method": "foobar", "id": "1"}"#)
            #expect(reply?["error"]?["code"] == -32601)
            #expect(reply?["id"] == "1")
        }
    }

    @Test func invalidJSONIsAParseErrorWithANullID() async throws {
        try await withDispatcher { dispatcher in
            let reply = await answer(dispatcher, #"{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]"#)
            #expect(reply?["error"]?["code"] == -32700)
            #expect(reply?["id"] == .null)
            let batch = await answer(dispatcher, #"[{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"}, {"jsonrpc": "2.0", "method""#)
            #expect(batch?["error"]?["code"] == -32700)
        }
    }

    @Test func aMalformedRequestIsAnInvalidRequest() async throws {
        try await withDispatcher { dispatcher in
            let reply = await answer(dispatcher, #"{"jsonrpc": "2.0", "method": 1, "params": "bar"}"#)
            #expect(reply?["error"]?["code"] == -32600)
            #expect(reply?["id"] == .null)
            let wrongVersion = await answer(dispatcher, #"{"jsonrpc": "1.0", "method": "update", "id": 9}"#)
            #expect(wrongVersion?["error"]?["code"] == -32600)
            #expect(wrongVersion?["id"] == 9)
        }
    }

    @Test func anEmptyBatchIsOneInvalidRequest() async throws {
        try await withDispatcher { dispatcher in
            let reply = await answer(dispatcher, "[]")
            #expect(reply?["error"]?["code"] == -32600)
            #expect(reply?.arrayValue == nil)
        }
    }

    @Test func aBatchOfNonRequestsAnswersEachWithInvalidRequest() async throws {
        try await withDispatcher { dispatcher in
            #expect(await answer(dispatcher, "[1]")?.arrayValue?.map { $0["error"]?["code"] } == [-32600])
            #expect(await answer(dispatcher, "[1,2,3]")?.arrayValue?.map { $0["error"]?["code"] } == [-32600, -32600, -32600])
        }
    }

    @Test func aMixedBatchAnswersEveryRequestButNotTheNotifications() async throws {
        try await withDispatcher { dispatcher in
            let reply = await answer(
                dispatcher,
                #"""
                [
                    {"jsonrpc": "2.0", "method": "sum", "params": {"values": [1,2,4]}, "id": "1"},
                    {"jsonrpc": "2.0", "method": "notify_hello", "params": {"value": 7}},
                    {"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": "2"},
                    {"foo": "boo"},
                    {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
                    {"jsonrpc": "2.0", "method": "get_data", "id": "9"}
                ]
                """#)
            let items = try #require(reply?.arrayValue)
            #expect(items.count == 5)
            #expect(items[0] == ["jsonrpc": "2.0", "result": 7, "id": "1"])
            #expect(items[1] == ["jsonrpc": "2.0", "result": 19, "id": "2"])
            #expect(items[2]["error"]?["code"] == -32600)
            #expect(items[2]["id"] == .null)
            #expect(items[3]["error"]?["code"] == -32601)
            #expect(items[3]["id"] == "5")
            #expect(items[4] == ["jsonrpc": "2.0", "result": ["hello", 5], "id": "9"])
        }
    }

    @Test func aBatchOfNotificationsGetsNothingAtAll() async throws {
        try await withDispatcher { dispatcher in
            let reply = await answer(
                dispatcher,
                #"""
                [{"jsonrpc": "2.0", "method": "notify_sum", "params": {"values": [1,2,4]}}, {"jsonrpc": "2.0", "method": "notify_hello", "params": {"v": 7}}]
                """#)
            #expect(reply == nil)
        }
    }

    @Test func invalidParamsNameTheField() async throws {
        try await withDispatcher { dispatcher in
            let missing = await answer(dispatcher, #"{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42}, "id": 1}"#)
            #expect(missing?["error"]?["code"] == -32602)
            #expect(missing?["error"]?["data"]?["field"] == "subtrahend")
            let wrongType = await answer(
                dispatcher, #"{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": "42", "subtrahend": 1}, "id": 1}"#)
            #expect(wrongType?["error"]?["code"] == -32602)
            #expect(wrongType?["error"]?["data"]?["field"] == "minuend")
            let positional = await answer(dispatcher, #"{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}"#)
            #expect(positional?["error"]?["code"] == -32602)
        }
    }

    @Test func aMethodNeedingAKeyAnswersUnauthenticatedWithoutOne() async throws {
        try await withDispatcher { dispatcher in
            #expect(await answer(dispatcher, #"{"jsonrpc": "2.0", "method": "secret", "id": 1}"#)?["error"]?["code"] == -32001)
            #expect(await answer(dispatcher, #"{"jsonrpc": "2.0", "method": "secret", "id": 1}"#, key: "klage_nope")?["error"]?["code"] == -32001)
        }
    }
}
