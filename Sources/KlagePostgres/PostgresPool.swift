import Dispatch
import KlageStorage
import Synchronization

/// A bounded pool of libpq connections, safe under Swift concurrency.
///
/// Callers wait (without blocking a thread) when every connection is lent out. Broken connections,
/// e.g. after the server restarted, are dropped and replaced on the next use, so the pool heals by itself.
final class PostgresPool: Sendable {
    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        var closed = false
    }

    private let url: String
    private let maxConnections: Int
    private let state = Mutex(State())

    init(url: String, maxConnections: Int) {
        self.url = url
        self.maxConnections = maxConnections
    }

    /// Lends a connection to `body`, run on a dispatch queue, and takes it back.
    ///
    /// A pooled connection that turns out to be dead before any statement ran (the server restarted
    /// while it sat idle) is replaced once and the call retried: nothing had been sent on it.
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let (connection, reused) = try await acquire()
            do {
                let result = try await Self.offloaded { try body(connection) }
                release(connection)
                return result
            } catch let error as PostgresConnection.StaleConnection {
                release(connection)
                if reused, attempt <= maxConnections + 1 { continue }
                throw error.underlying
            } catch {
                release(connection)
                throw error
            }
        }
    }

    /// Closes every idle connection now, and each lent-out one when it comes back.
    func close() {
        let idle = state.withLock { state -> [PostgresConnection] in
            state.closed = true
            let idle = state.idle
            state.open -= idle.count
            state.idle = []
            return idle
        }
        _ = idle  // released here: deinit finishes each connection
    }

    private func acquire() async throws -> (PostgresConnection, reused: Bool) {
        while true {
            enum Next {
                case use(PostgresConnection)
                case create, wait
            }
            let next = state.withLock { state -> Next in
                if let connection = state.idle.popLast() { return .use(connection) }
                if state.open < maxConnections {
                    state.open += 1
                    return .create
                }
                return .wait
            }
            switch next {
            case .use(let connection):
                return (connection, true)
            case .create:
                do {
                    let url = self.url
                    return (try await Self.offloaded { try PostgresConnection(url: url) }, false)
                } catch {
                    state.withLock { state in
                        state.open -= 1
                        if !state.waiters.isEmpty { state.waiters.removeFirst().resume() }
                    }
                    throw error
                }
            case .wait:
                await withCheckedContinuation { continuation in
                    let ready = state.withLock { state -> Bool in
                        if !state.idle.isEmpty || state.open < maxConnections { return true }
                        state.waiters.append(continuation)
                        return false
                    }
                    if ready { continuation.resume() }
                }
            }
        }
    }

    private func release(_ connection: PostgresConnection) {
        let healthy = connection.isHealthy && connection.isIdle
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if healthy && !state.closed { state.idle.append(connection) } else { state.open -= 1 }
            return state.waiters.isEmpty ? nil : state.waiters.removeFirst()
        }
        waiter?.resume()
    }

    /// Runs blocking libpq work on a dispatch queue, off Swift's cooperative pool.
    private static func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
