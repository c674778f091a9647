import Hummingbird
import Logging
import ServiceLifecycle

/// Serves `router` on a free port of `127.0.0.1` while `body` runs with that port, then stops it: the
/// test doubles of outside servers (a webhook receiver, an identity provider) run on it.
func withLoopbackServer<T: Sendable>(
    _ router: Router<BasicRequestContext>, label: String, _ body: @Sendable (Int) async throws -> T
) async throws -> T {
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    var logger = Logger(label: label)
    logger.logLevel = .warning
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
    let services = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await group.next()  // the server stopped before it listened: say why
            throw LoopbackServerDidNotStart(label: label)
        }
        let result: Result<T, any Error>
        do {
            result = .success(try await body(port))
        } catch {
            result = .failure(error)
        }
        await services.triggerGracefulShutdown()
        try await group.waitForAll()
        return try result.get()
    }
}

/// A loopback test double stopped before it listened, without saying why.
struct LoopbackServerDidNotStart: Error, CustomStringConvertible {
    let label: String
    var description: String { "\(label) stopped before it listened" }
}
