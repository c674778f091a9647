import Foundation
import KlageKernel
import KlageTestSupport
import Logging
import Testing

@testable import KlageRPC

/// A method's params, declared once as typed fields: decoded before the handler runs, with the errors
/// the API has always given (-32602 for a missing param or a wrong JSON type, -32022 for a value its
/// type or its declaration refuses, the field named), read typed, and listed as `rpc.discover` shows them.
@Suite struct RPCMethodParamsTests {
    enum Mood: String, Codable, Sendable, CaseIterable { case calm, upset }

    static let id = Field<ComplaintID>("id", .text(max: 64))
    static let note = Field<String?>("note", .text(max: 2_000), "anything else")
    static let mood = Field<Mood>("mood", .choice(of: Mood.self), default: .calm)
    static let at = Field<Date?>("at", .time)
    static let citizen = Field<Citizen?>("citizen", .object(Citizen.fields))

    /// What the handler read, echoed.
    struct Echo: WireSample {
        let id: ComplaintID
        let note: String?
        let mood: Mood
        let at: Date?
        let citizenName: String?

        static let sample = Echo(id: "", note: nil, mood: .calm, at: nil, citizenName: nil)
    }

    static let echo = RPCMethod("echo", summary: "Echoes its params.", access: .open, params: [id, note, mood, at, citizen]) { input, _ in
        Echo(id: input[id], note: input[note], mood: input[mood], at: input[at], citizenName: input[citizen]?.name)
    }

    func withDispatcher(_ body: (RPCDispatcher) async throws -> Void) async throws {
        try await KlageRPCTests.withDispatcher(serving: [Self.echo], body)
    }

    func call(_ dispatcher: RPCDispatcher, _ params: String) async -> JSONValue? {
        let body = #"{"jsonrpc":"2.0","id":1,"method":"echo","params":"# + params + "}"
        guard let data = await dispatcher.handle(body: Data(body.utf8), authorization: nil) else { return nil }
        return JSONValue.parse(data)
    }

    @Test func paramsAreReadTypedWithDefaultsAndNils() async throws {
        try await withDispatcher { dispatcher in
            let bare = await call(dispatcher, #"{"id":"c1","surplus":true}"#)
            #expect(bare?["result"] == ["id": "c1", "mood": "calm"])
            let full = await call(dispatcher, #"{"id":"c1","note":"n","mood":"upset","at":"2026-11-25T09:30:00Z","citizen":{"name":"N"}}"#)
            #expect(full?["result"] == ["id": "c1", "note": "n", "mood": "upset", "at": "2026-11-25T09:30:00Z", "citizenName": "N"])
            let nulls = await call(dispatcher, #"{"id":"c1","note":null,"mood":null}"#)
            #expect(nulls?["result"] == ["id": "c1", "mood": "calm"])
        }
    }

    @Test(arguments: [
        (#"{}"#, -32602, "id", "is required"),
        (#"{"id":null}"#, -32602, "id", "must not be null"),
        (#"{"id":5}"#, -32602, "id", "must be a string"),
        (#"{"id":"c1","note":[]}"#, -32602, "note", "must be a string"),
        (#"{"id":"c1","mood":"angry"}"#, -32022, "mood", "'angry' is not an allowed value"),
        (#"{"id":"c1","at":"yesterday"}"#, -32022, "at", "must be an RFC 3339 time, e.g. 2026-11-25T09:30:00Z"),
        (#"{"id":"c1","citizen":{}}"#, -32602, "citizen.name", "is required"),
        (#"{"id":"c1","citizen":{"name":"N","phone":1}}"#, -32602, "citizen.phone", "must be a string"),
        // What the declaration says beyond the Swift type is held too: a length, also in a nested field.
        (#"{"id":"c1","note":"\#(String(repeating: "x", count: 2_001))"}"#, -32022, "note", "must be at most 2000 characters (8000 bytes of UTF-8)"),
        (
            #"{"id":"c1","citizen":{"name":"\#(String(repeating: "n", count: 201))"}}"#, -32022, "citizen.name",
            "must be at most 200 characters (800 bytes of UTF-8)"
        ),
    ])
    func aParamThatDoesNotFitIsRefusedNamingIt(_ params: String, _ code: Int, _ field: String, _ reason: String) async throws {
        try await withDispatcher { dispatcher in
            let error = await call(dispatcher, params)?["error"]
            #expect(error?["code"] == .number(Double(code)))
            #expect(error?["data"] == ["field": .string(field), "reason": .string(reason)])
        }
    }

    @Test func theFieldsAreTheDeclaredParams() {
        #expect(Self.echo.params.map(\.name) == ["id", "note", "mood", "at", "citizen"])
        #expect(Self.echo.params.map(\.required) == [true, false, false, false, false])
        let document = OpenRPCDocument.build(methods: [Self.echo], version: "test")
        let params = document["methods"]?.arrayValue?.first?["params"]?.arrayValue ?? []
        #expect(params.first { $0.string("name") == "mood" }?["schema"] == ["type": "string", "enum": ["calm", "upset"], "default": "calm"])
        #expect(params.first { $0.string("name") == "note" }?["summary"] == "anything else")
        #expect(document["methods"]?.arrayValue?.first?["result"]?["schema"]?["required"] == ["id", "mood"])
    }

    @Test func aPluginOperationChecksTheKindsAndRefusesUndeclaredParams() async throws {
        let limit = Field<Int>("limit", .integer(min: 1, max: 10))
        let operation = PluginOperation("test.thing.count", summary: "Counts.", roles: [.caseworker], params: [limit]) { input, _ in
            try input[limit]
        }
        let method = RPCMethod(operation, of: "test") { _, _ in preconditionFailure("not called") }
        #expect(method.params == [limit.spec] && method.result == .anyObject && method.plugin == "test")
        #expect(method.access == .tenant([.caseworker]))
        let context = RPCContext(
            actor: Principal(id: "k", tenant: "t", role: .caseworker, label: "k"), tenant: Fixtures.tenant("t"), logger: Logger(label: "test"))
        await #expect(throws: KlageError.validation(field: "limit", reason: "must be between 1 and 10")) {
            try await method.handle(["limit": 11], context)
        }
        await #expect(throws: KlageError.validation(field: "other", reason: "is not a field here; known: limit")) {
            try await method.handle(["limit": 1, "other": true], context)
        }
    }
}
