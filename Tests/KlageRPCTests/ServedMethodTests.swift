import Foundation
import KlageKernel
import KlageTestSupport
import Logging
import Synchronization
import Testing

@testable import KlageRPC

/// Methods a transport serves itself (`event.subscribe` over WebSocket) go through the dispatcher's
/// one strict parse, its request checks and its admission, in batches too, and echo the id as sent.
@Suite struct ServedMethodTests {
    @Test func aServedMethodIsCheckedAdmittedAndAnsweredAsAnyOther() async throws {
        try await withTestStore(.sqlite) { store throws in
            let env = Fixtures.environment(store, registry: try PluginRegistryBuilder().build())
            let dispatcher = RPCDispatcher(registry: RPCMethodRegistry.Builder().build(), keys: APIKeyService(env), logger: Logger(label: "test"))
            let calls = Mutex<[[String: JSONValue]]>([])
            let served: [String: RPCServedMethod] = [
                "echo": { params in
                    calls.withLock { $0.append(params) }
                    return .success(.object(params))
                }
            ]
            let admitted = Mutex(0)
            let admission: RPCAdmission = { call in
                admitted.withLock { $0 += 1 }
                return call.params?["refuse"] == true ? .rateLimited(retryAfterSeconds: 3) : nil
            }
            func reply(_ body: String) async -> String {
                String(
                    decoding: await dispatcher.reply(body: Data(body.utf8), authorization: nil, admission: admission, served: served).body ?? Data(),
                    as: UTF8.self)
            }
            // The id comes back as sent, even one that is no Double.
            #expect(
                await reply(#"{"jsonrpc":"2.0","id":1E400,"method":"echo","params":{"a":1}}"#) == #"{"jsonrpc":"2.0","id":1E400,"result":{"a":1}}"#)
            // Refused by admission: never called.
            #expect(await reply(#"{"jsonrpc":"2.0","id":2,"method":"echo","params":{"refuse":true}}"#).contains("-32029"))
            // Checked as a request: an id that is an array is invalid, and the method is not called.
            #expect(await reply(#"{"jsonrpc":"2.0","id":[],"method":"echo"}"#).contains("-32600"))
            // Deep nesting: -32700, no call.
            #expect(await reply(String(repeating: "[", count: 513)).contains("-32700"))
            // In a batch, next to a method that does not exist.
            let batch = await reply(#"[{"jsonrpc":"2.0","id":3,"method":"echo","params":{"b":2}},{"jsonrpc":"2.0","id":4,"method":"nothing"}]"#)
            #expect(batch.contains(#""result":{"b":2}"#) && batch.contains("-32601"))
            #expect(calls.withLock { $0 } == [["a": 1], ["b": 2]])
            #expect(admitted.withLock { $0 } == 4)
        }
    }
}
