import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Synchronization
import Testing

/// Hostile messages over `/rpc/ws`: the bodies that trap Foundation's decoder are answered -32700,
/// and tens of thousands of generated messages all get well-formed answers, with the host still
/// answering afterwards.
@Suite struct IntegrationSocketHostileTests {
    /// Messages that crash a host that decodes them with Foundation's `JSONDecoder`.
    static let crashMessages: [(name: String, text: String)] = [
        ("513 [", String(repeating: "[", count: 513)),
        ("100,000 [", String(repeating: "[", count: 100_000)),
        ("100,000 {", String(repeating: "{", count: 100_000)),
        ("20,000 {\"a\":", String(repeating: "{\"a\":", count: 20_000)),
        ("mixed [{\"a\":[{", String(repeating: "[{\"a\":[{\"b\":", count: 5_000)),
        ("513 [ in params", #"{"jsonrpc":"2.0","id":1,"method":"event.subscribe","params":{"types":"# + String(repeating: "[", count: 513)),
    ]

    @Test(arguments: StorageBackend.available)
    func crashMessagesAreAnsweredAndTheHostGoesOn(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, configure: integrationSettings { $0.socketMessageBytes = 200_000 }) { server in
            let key = try await server.key("kobenhavn", .integration)
            try await withRawEventSocket(port: server.port, key: key) { send, transcript in
                for (index, message) in Self.crashMessages.enumerated() {
                    try await send(message.text)
                    #expect(await transcript.wait { $0.all.count == index + 1 }, "no answer to \(message.name)")
                    let reply = transcript.all.last
                    #expect(reply?["error"]?.int("code") == -32700, "\(message.name): \(String(describing: reply))")
                    #expect(reply?["id"] == .null)
                }
                // The same socket still serves, and so does the host.
                try await send(#"{"jsonrpc":"2.0","id":7,"method":"event.subscribe"}"#)
                #expect(await transcript.wait { $0.answer(7) != nil })
                #expect(transcript.answer(7)?["result"]?.string("subscription") == "s1")
            }
            #expect(try await server.result("system.health", key: nil).string("status") == "ok")
        }
    }

    /// `KLAGE_FUZZ_REQUESTS` makes longer runs.
    static let messagesPerSocket =
        ProcessInfo.processInfo.environment["KLAGE_FUZZ_REQUESTS"].flatMap { Int($0) }.map { max(1, $0 / 4) } ?? 5_000

    @Test(.timeLimit(.minutes(10)))
    func generatedMessagesAllGetWellFormedAnswers() async throws {
        let seed = ProcessInfo.processInfo.environment["KLAGE_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_207
        print("IntegrationSocketHostileTests: seed \(seed) (repeat with KLAGE_FUZZ_SEED=\(seed))")
        try await withTestServer { server in
            let key = try await server.key("kobenhavn", .integration)
            let methods = server.host.dispatcher.registry.names + ["event.subscribe", "event.unsubscribe"]
            let started = ContinuousClock.now
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for socket in 0..<4 {
                    group.addTask { try await Self.fuzz(port: server.port, key: key, seed: seed &+ UInt64(socket), methods: methods) }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            print("IntegrationSocketHostileTests: \(counts.reduce(0, +)) messages on 4 sockets in \(ContinuousClock.now - started)")
            #expect(counts.reduce(0, +) == 4 * Self.messagesPerSocket)
            #expect(try await server.result("system.health", key: nil).string("status") == "ok")
        }
    }

    /// One socket's share: sends generated messages, and after every 50 a marker request whose answer
    /// it waits for; checks every message received is a JSON-RPC response or an event notification.
    static func fuzz(port: Int, key: String, seed: UInt64, methods: [String]) async throws -> Int {
        let sent = Mutex(0)
        let failure = Mutex<String?>(nil)
        try await withRawEventSocket(port: port, key: key) { send, transcript in
            var fuzzer = RequestFuzzer(seed: seed, methods: methods)
            var checked = 0
            for index in 0..<Self.messagesPerSocket {
                let (body, _) = fuzzer.next()
                try await send(String(decoding: body, as: UTF8.self))
                sent.withLock { $0 += 1 }
                guard index % 50 == 49 || index == Self.messagesPerSocket - 1 else { continue }
                let marker = JSONValue.string("sync-\(index)")
                try await send(#"{"jsonrpc":"2.0","id":"sync-\#(index)","method":"system.health"}"#)
                guard await transcript.wait(seconds: 60, until: { $0.all.last?["id"] == marker || $0.closed }), !transcript.closed else {
                    failure.withLock { $0 = "seed \(seed): no answer to the marker after message \(index)" }
                    return
                }
                let received = transcript.all
                for message in received[checked...] {
                    if message.string("method") == "event", message["id"] == nil { continue }
                    let problem: String?
                    if let elements = message.arrayValue {
                        problem = elements.isEmpty ? "an empty batch reply" : elements.lazy.compactMap(JSONRPCReplyCheck.problem(response:)).first
                    } else {
                        problem = JSONRPCReplyCheck.problem(response: message)
                    }
                    if let problem {
                        failure.withLock { $0 = "seed \(seed), up to message \(index): \(problem)" }
                        return
                    }
                    if message["error"]?.int("code") == -32603 {
                        failure.withLock { $0 = "seed \(seed), up to message \(index): an internal error" }
                        return
                    }
                }
                checked = received.count
            }
        }
        if let failure = failure.withLock({ $0 }) { Issue.record(Comment(rawValue: failure)) }
        return sent.withLock { $0 }
    }
}
