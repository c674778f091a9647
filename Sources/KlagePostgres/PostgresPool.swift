import Dispatch
import KlageStorage
import Synchronization

/// A bounded pool of libpq connections, safe under Swift concurrency.
///
/// Callers wait (without blocking a thread) when every connection is lent out, but not without bound:
/// at most ``PostgresOptions/maxWaiters`` wait, each for at most ``PostgresOptions/acquireTimeoutSeconds``,
/// and a cancelled caller leaves the queue at once. A caller refused or timed out gets a
/// ``KlageStorage/StorageError`` with code `unavailable`, which clients see as a retryable error.
/// Broken connections, e.g. after the server restarted, are dropped and replaced on the next use, so
/// the pool heals by itself.
final class PostgresPool: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        /// First come, first served.
        var waiters: [Waiter] = []
        var lastWaiterID: UInt64 = 0
        /// Waiters cancelled before they joined the queue.
        var cancelledEarly: Set<UInt64> = []
        var closed = false
    }

    private let url: String
    private let options: PostgresOptions
    private let state = Mutex(State())

    init(url: String, options: PostgresOptions) {
        self.url = url
        self.options = options
    }

    private var maxConnections: Int { max(1, options.maxConnections) }

    /// Callers waiting for a connection now.
    var waiting: Int { state.withLock { $0.waiters.count } }

    /// Connections open, in use and waited for, now (for metrics).
    var stats: PostgresPoolStats {
        state.withLock { state in
            PostgresPoolStats(
                maxConnections: maxConnections, open: state.open, inUse: state.open - state.idle.count, waiters: state.waiters.count,
                roundTrips: PostgresConnection.roundTrips.load(ordering: .relaxed))
        }
    }

    /// Lends a connection to `body`, run on a dispatch queue, and takes it back.
    ///
    /// A pooled connection that turns out to be dead before any statement ran (the server restarted
    /// while it sat idle) is replaced once and the call retried: nothing had been sent on it.
    ///
    /// - Throws: `unavailable` when no connection is free within the acquire timeout or too many wait;
    ///   `CancellationError` when the task is cancelled while it waits.
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        var attempt = 0
        let deadline = ContinuousClock.now + .milliseconds(Int64((max(0, options.acquireTimeoutSeconds) * 1000).rounded()))
        while true {
            attempt += 1
            let (connection, reused) = try await acquire(deadline: deadline)
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

    /// Closes every idle connection now, and each lent-out one when it comes back; refuses the waiters.
    func close() {
        let (idle, waiters) = state.withLock { state -> ([PostgresConnection], [Waiter]) in
            state.closed = true
            let idle = state.idle
            let waiters = state.waiters
            state.open -= idle.count
            state.idle = []
            state.waiters = []
            return (idle, waiters)
        }
        _ = idle  // released here: deinit finishes each connection
        for waiter in waiters { waiter.continuation.resume(throwing: Self.busy) }
    }

    private func acquire(deadline: ContinuousClock.Instant) async throws -> (PostgresConnection, reused: Bool) {
        while true {
            enum Next {
                case use(PostgresConnection)
                case create, wait, closed
            }
            let next = state.withLock { state -> Next in
                if state.closed { return .closed }
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
                    let (url, options) = (self.url, self.options)
                    return (try await Self.offloaded { try PostgresConnection(url: url, options: options) }, false)
                } catch {
                    let waiter = state.withLock { state -> Waiter? in
                        state.open -= 1
                        return state.waiters.isEmpty ? nil : state.waiters.removeFirst()
                    }
                    waiter?.continuation.resume()
                    throw error
                }
            case .wait:
                try await waitForTurn(until: deadline)
            case .closed:
                throw StorageError.closed
            }
        }
    }

    /// Waits until a connection is returned or may be opened, the deadline passes, or the task is cancelled.
    private func waitForTurn(until deadline: ContinuousClock.Instant) async throws {
        let id = state.withLock { state -> UInt64 in
            state.lastWaiterID += 1
            return state.lastWaiterID
        }
        let timer = Task { [weak self] in
            try? await Task.sleep(until: deadline, clock: .continuous)
            self?.fail(id, with: Self.busy)
        }
        defer {
            timer.cancel()
            state.withLock { _ = $0.cancelledEarly.remove(id) }
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Joined {
                    case ready, queued
                    case refused(any Error)
                }
                let joined = state.withLock { state -> Joined in
                    if state.cancelledEarly.remove(id) != nil { return .refused(CancellationError()) }
                    if state.closed || ContinuousClock.now >= deadline || state.waiters.count >= options.maxWaiters {
                        return .refused(Self.busy)
                    }
                    if !state.idle.isEmpty || state.open < maxConnections { return .ready }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return .queued
                }
                switch joined {
                case .ready: continuation.resume()
                case .refused(let error): continuation.resume(throwing: error)
                case .queued: break
                }
            }
        } onCancel: {
            fail(id, with: CancellationError(), early: true)
        }
    }

    /// Takes waiter `id` out of the queue and resumes it with `error`; a waiter not queued yet is
    /// remembered when `early`, so it is refused as it joins.
    private func fail(_ id: UInt64, with error: any Error, early: Bool = false) {
        let waiter = state.withLock { state -> Waiter? in
            if let index = state.waiters.firstIndex(where: { $0.id == id }) { return state.waiters.remove(at: index) }
            if early { state.cancelledEarly.insert(id) }
            return nil
        }
        waiter?.continuation.resume(throwing: error)
    }

    private func release(_ connection: PostgresConnection) {
        let healthy = connection.isHealthy && connection.isIdle
        let waiter = state.withLock { state -> Waiter? in
            if healthy && !state.closed { state.idle.append(connection) } else { state.open -= 1 }
            return state.waiters.isEmpty ? nil : state.waiters.removeFirst()
        }
        waiter?.continuation.resume()
    }

    /// The error of a caller that found no free connection in time.
    static let busy = StorageError(code: .unavailable, message: "every PostgreSQL connection is busy; try again")

    /// Runs blocking libpq work on a queue of its own, off Swift's cooperative pool.
    ///
    /// Not on `DispatchQueue.global()`: on Linux that is the pool Swift's tasks run on, a few threads
    /// wide, so calls blocked on a row lock could take every thread, and the transaction holding the
    /// lock, needing a thread for its next statement, would never get one until a timeout ended it. A
    /// serial queue made for the call targets the overcommitting root queue, which adds a thread when
    /// all are blocked.
    private static func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "klage.postgres.call").async { continuation.resume(with: Result { try work() }) }
        }
    }
}
