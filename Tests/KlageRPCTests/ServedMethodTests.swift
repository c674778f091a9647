import Foundation
import KlageKernel
import Synchronization
import Testing

@testable import KlageRPC

/// Methods a transport serves itself (`event.subscribe` over WebSocket) are declared as any other and go
/// through the dispatcher's one strict parse, its request checks, its admission and its params, in
/// batches too, and echo the id as sent.
@Suite struct ServedMethodTests {
    @Test func aServedMethodIsCheckedAdmittedAndAnsweredAsAnyOther() async throws {
        try await withDispatcher(serving: []) { dispatcher in
            let calls = Mutex<[[String: JSONValue]]>([])
            let a = Field<Int?>("a", .integer(min: 0, max: 9))
            let b = Field<Int?>("b", .integer(min: 0, max: 9))
            let served = [
                RPCMethod("echo", summary: "Echoes a and b.", access: .open, params: [a, b]) { input, _ -> JSONValue in
                    let echoed = JSONValue.object(
                        ["a": input[a].map { .number(Double($0)) }, "b": input[b].map { .number(Double($0)) }].compactMapValues { $0 })
                    calls.withLock { $0.append(echoed.objectValue ?? [:]) }
                    return echoed
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
            // Its params are decoded as declared: a wrong type is refused, naming the param, and it is not called.
            #expect(await reply(#"{"jsonrpc":"2.0","id":5,"method":"echo","params":{"a":"x"}}"#).contains(#""field":"a""#))
            #expect(calls.withLock { $0 } == [["a": 1], ["b": 2]])
            #expect(admitted.withLock { $0 } == 5)
        }
    }
}
