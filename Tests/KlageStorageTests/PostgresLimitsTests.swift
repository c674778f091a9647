import Foundation
import KlagePostgres
import KlageStorage
import KlageTestSupport
import Testing

/// The PostgreSQL driver's bounds: every connection carries the statement and idle-in-transaction
/// timeouts, and a caller waiting for a busy pool is refused at its deadline, over the waiter limit,
/// or when cancelled, with the retryable `unavailable` code.
@Suite(.enabled(if: StorageBackend.available.contains(.postgres), "needs KLAGE_TEST_POSTGRES_URL"))
struct PostgresLimitsTests {
    /// A fresh, unmigrated database with a driver of `options`; closed after `body`.
    func withDriver<T>(_ options: PostgresOptions, _ body: (PostgresDriver) async throws -> T) async throws -> T {
        let driver = try await PostgresDriver.connect(url: try PostgresTestCluster.freshDatabaseURL(), options: options)
        do {
            let result = try await body(driver)
            await driver.close()
            return result
        } catch {
            await driver.close()
            throw error
        }
    }

    func setting(_ name: String, on driver: PostgresDriver) async throws -> String {
        try await driver.read(tenant: nil) { connection in try connection.query(SQL(unsafeSQL: "SHOW \(name)")).first?.string(name) ?? "" }
    }

    @Test func everyConnectionCarriesTheStatementTimeouts() async throws {
        try await withDriver(PostgresOptions()) { driver throws in
            #expect(try await setting("statement_timeout", on: driver) == "1min", "the default")
            #expect(try await setting("idle_in_transaction_session_timeout", on: driver) == "1min")
        }
        var options = PostgresOptions()
        options.statementTimeoutSeconds = 0.3
        options.idleInTransactionTimeoutSeconds = 2
        try await withDriver(options) { driver throws in
            #expect(try await setting("statement_timeout", on: driver) == "300ms")
            #expect(try await setting("idle_in_transaction_session_timeout", on: driver) == "2s")
            // A statement running past the timeout is cancelled by the server.
            await #expect(throws: StorageError.self) {
                try await driver.read(tenant: nil) { connection in try connection.query("SELECT pg_sleep(5)") }
            }
            #expect(try await setting("statement_timeout", on: driver) == "300ms", "the pool heals after the cancelled statement")
        }
    }

    @Test func aCallerWaitingForABusyPoolIsRefusedAtItsDeadline() async throws {
        var options = PostgresOptions()
        options.maxConnections = 1
        options.acquireTimeoutSeconds = 0.3
        try await withDriver(options) { driver throws in
            let (holder, release) = await Self.holdTheOnlyConnection(of: driver)
            do {
                _ = try await driver.read(tenant: nil) { connection in try connection.query("SELECT 1 AS one").count }
                Issue.record("a caller got a connection while the only one was held")
            } catch let error as StorageError {
                #expect(error.code == .unavailable)
            }
            release.signal()
            #expect(try await holder.value == 1)
            #expect(try await driver.read(tenant: nil) { try $0.query("SELECT 1 AS one").count } == 1, "served once the pool is free")
        }
    }

    @Test func tooManyWaitersAreRefusedAtOnceAndACancelledWaiterLeavesTheQueue() async throws {
        var options = PostgresOptions()
        options.maxConnections = 1
        options.maxWaiters = 1
        options.acquireTimeoutSeconds = 60
        try await withDriver(options) { driver throws in
            let (holder, release) = await Self.holdTheOnlyConnection(of: driver)
            let waiter = Task { try await driver.read(tenant: nil) { try $0.query("SELECT 1 AS one").count } }
            for _ in 0..<200 where driver.waitingForConnection == 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(driver.waitingForConnection == 1)
            // The queue is full: the next caller is refused without waiting for the holder.
            do {
                _ = try await driver.read(tenant: nil) { try $0.query("SELECT 1 AS one").count }
                Issue.record("a caller over the waiter limit was served")
            } catch let error as StorageError {
                #expect(error.code == .unavailable)
            }
            #expect(driver.waitingForConnection == 1)
            waiter.cancel()
            await #expect(throws: CancellationError.self) { try await waiter.value }
            #expect(driver.waitingForConnection == 0)
            release.signal()
            #expect(try await holder.value == 1)
            #expect(try await driver.read(tenant: nil) { try $0.query("SELECT 1 AS one").count } == 1)
        }
    }

    /// Takes the pool's only connection and holds it until `release` is signalled, however slow the
    /// machine is; the task's value is 1 once it let go.
    static func holdTheOnlyConnection(of driver: PostgresDriver) async -> (holder: Task<Int, any Error>, release: DispatchSemaphore) {
        let (started, signal) = AsyncStream<Void>.makeStream()
        let release = DispatchSemaphore(value: 0)
        let holder = Task {
            try await driver.read(tenant: nil) { connection in
                signal.yield()
                release.wait()
                return try connection.query("SELECT 1 AS one").count
            }
        }
        var iterator = started.makeAsyncIterator()
        await iterator.next()
        return (holder, release)
    }
}
