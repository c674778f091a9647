import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// Tens of thousands of generated bodies against one server over loopback HTTP, on a few connections
/// at once: every reply is a well-formed JSON-RPC answer (or 204 for notifications), and the server
/// is healthy at the end.
///
/// Deterministic: the seed is printed, and `KLAGE_FUZZ_SEED=<seed>` repeats the run; a failure
/// prints the seed, the connection, the request's index and the body's first bytes.
@Suite struct HostileRequestFuzzTests {
    static let connections = 4
    /// `KLAGE_FUZZ_REQUESTS` makes longer runs (see `Benchmarks/fuzz`).
    static let requestsPerConnection =
        ProcessInfo.processInfo.environment["KLAGE_FUZZ_REQUESTS"].flatMap { Int($0) }.map { max(1, $0 / connections) } ?? 5_000

    /// What one connection did: how many replies of each status, and the first failure.
    struct Outcome: Sendable {
        var statuses: [Int: Int] = [:]
        var failure: String?
    }

    @Test(.timeLimit(.minutes(60)))
    func generatedRequestsAllGetWellFormedAnswers() async throws {
        let seed = ProcessInfo.processInfo.environment["KLAGE_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_125
        print("HostileRequestFuzzTests: seed \(seed) (repeat with KLAGE_FUZZ_SEED=\(seed))")
        try await withTestServer { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let methods = server.host.dispatcher.registry.names
            let port = server.port
            let started = ContinuousClock.now
            let outcomes = await withTaskGroup(of: Outcome.self) { group in
                for connection in 0..<Self.connections {
                    group.addTask {
                        await onOwnThread {
                            Self.run(seed: seed, connection: connection, port: port, key: key, methods: methods)
                        }
                    }
                }
                return await group.reduce(into: [Outcome]()) { $0.append($1) }
            }
            let elapsed = ContinuousClock.now - started
            var statuses: [Int: Int] = [:]
            for outcome in outcomes {
                statuses.merge(outcome.statuses, uniquingKeysWith: +)
                if let failure = outcome.failure { Issue.record(Comment(rawValue: failure)) }
            }
            let total = statuses.values.reduce(0, +)
            print(
                "HostileRequestFuzzTests: \(total) requests on \(Self.connections) connections in \(elapsed), statuses \(statuses.sorted { $0.key < $1.key })"
            )
            #expect(total == Self.connections * Self.requestsPerConnection)
            #expect(try await server.result("system.health", key: nil).string("status") == "ok")
        }
    }

    /// One connection's share: generate, send, check, stop at the first bad reply.
    static func run(seed: UInt64, connection: Int, port: Int, key: String, methods: [String]) -> Outcome {
        var fuzzer = RequestFuzzer(seed: seed &+ UInt64(connection), methods: methods)
        let http = RawHTTPConnection(port: port)
        var outcome = Outcome()
        for index in 0..<requestsPerConnection {
            let (body, withKey) = fuzzer.next()
            func fail(_ problem: String) -> Outcome {
                let prefix = String(decoding: body.prefix(160), as: UTF8.self).debugDescription
                outcome.failure = "seed \(seed), connection \(connection), request \(index) (\(body.count) bytes): \(problem); body starts \(prefix)"
                return outcome
            }
            let reply: RawHTTPConnection.Reply
            do {
                reply = try http.post(body, authorization: withKey ? "Bearer \(key)" : nil)
            } catch {
                return fail(error.description)
            }
            outcome.statuses[reply.status, default: 0] += 1
            if let problem = JSONRPCReplyCheck.problem(status: reply.status, contentType: reply.headers["content-type"], body: reply.body) {
                return fail(problem)
            }
        }
        return outcome
    }
}

/// Runs blocking work on a thread of its own, keeping it off the Swift concurrency pool the server needs.
func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: work()) }
    }
}
