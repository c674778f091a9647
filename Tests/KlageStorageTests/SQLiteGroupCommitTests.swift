import Foundation
import KlageStorage
import KlageTestSupport
import Synchronization
import Testing

@testable import KlageSQLite

/// SQLite's group commit when the database rolls the whole transaction back midway (an I/O error, a
/// full disk, out of memory; injected here by a write that runs `ROLLBACK`): a caller is told its write
/// committed exactly when it did, and the writes after the fault still commit.
@Suite struct SQLiteGroupCommitTests {
    /// What one write reported.
    enum Reported: Sendable { case committed, failed }

    @Test func aLostTransactionFailsExactlyTheWritesItHeldAndTheRestCommit() async throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let driver = try SQLiteDriver(path: folder.appendingPathComponent("group.sqlite").path, readers: 1)
        try await driver.write(tenant: nil) { connection in _ = try connection.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY)") }
        let started = Mutex(false)
        // A slow write holds the writer, so the next ones queue up and run together in one batch.
        async let slow: Void = driver.write(tenant: nil) { connection in
            started.withLock { $0 = true }
            Thread.sleep(forTimeInterval: 0.3)
            _ = try connection.execute("INSERT INTO rows (id) VALUES (0)")
        }
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        let reports = try await withThrowingTaskGroup(of: (Int, Reported).self) { group in
            for id in 1...12 {
                group.addTask {
                    do {
                        try await driver.write(tenant: nil) { connection in
                            _ = try connection.execute("INSERT INTO rows (id) VALUES (\(id))")
                            if id == 6 {
                                try (connection as! SQLiteConnection).exec("ROLLBACK")
                                throw StorageError(code: .engine, message: "injected: the disk is full")
                            }
                        }
                        return (id, .committed)
                    } catch {
                        return (id, .failed)
                    }
                }
            }
            return try await group.reduce(into: [Int: Reported]()) { $0[$1.0] = $1.1 }
        }
        try await slow
        let stored = Set(
            try await driver.read(tenant: nil) { connection in
                try connection.query("SELECT id FROM rows").compactMap { $0["id"].integer.map(Int.init) }
            })
        #expect(reports[6] == .failed)
        #expect(!stored.contains(6))
        for (id, report) in reports {
            #expect((report == .committed) == stored.contains(id), "write \(id) reported \(report) but is \(stored.contains(id) ? "" : "not ")stored")
        }
        #expect(reports.values.contains(.committed), "the writes after the fault ran in a new transaction")
        #expect(try await driver.write(tenant: nil) { connection in try connection.execute("INSERT INTO rows (id) VALUES (99)") } == 1)
    }
}
