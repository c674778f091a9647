import Foundation
import KlageKernel
import KlageServer
import KlageStorage
import KlageTestSupport
import Synchronization
import Testing

/// The primary dies under write load: with a synchronous standby and a multi-host connection
/// (`target_session_attrs=read-write`), no acknowledged complaint is lost, requests in flight are told
/// to retry, and Klage writes to the promoted standby within 10 s without a restart.
@Suite struct PostgresFailoverTests {
    @Test(.enabled(if: ScratchPostgres.available, "needs the PostgreSQL server binaries and the test command"))
    func thePrimaryDiesUnderWriteLoadAndThePromotedStandbyServesWithNothingLost() async throws {
        let primary = try await ScratchPostgres.start(settings: ["wal_level": "replica", "synchronous_standby_names": "'standby1'"])
        let standby = try await ScratchPostgres.folder()
        try await ScratchPostgres.removing([primary, standby]) { try await Self.failOver(from: primary, to: standby) }
    }

    /// Streams `primary` to `standby`, writes through both hosts' URL, kills the primary, promotes the
    /// standby, and checks what was acknowledged against what the new primary holds.
    static func failOver(from primary: ScratchPostgres, to standby: ScratchPostgres) async throws {
        try await primary.baseBackup(into: standby, standbyNamed: "standby1")
        // Promoted, the standby must not wait for a standby of its own (Patroni or CloudNativePG manage this).
        try await standby.configure(["synchronous_standby_names": "''"])
        try await standby.start()
        let admin = try await StorageFactory.open(try DatabaseURL(primary.url))
        var state: String?
        for _ in 0..<300 {
            state = try await admin.read(tenant: nil) { connection in
                try connection.query("SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'").first?["sync_state"].text
            }
            if state == "sync" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        await admin.close()
        #expect(state == "sync", "the standby is \(state ?? "not streaming"), not synchronous")

        let url = "postgres://postgres@127.0.0.1:\(primary.port),127.0.0.1:\(standby.port)/postgres?target_session_attrs=read-write&connect_timeout=2"
        try await withTestServer(databaseURL: url) { server throws in
            let key = try await server.key("roskilde", .integration)
            let load = ComplaintWriteLoad()
            let writing = Task { try await load.run(server, key: key) }
            try await load.waitFor(100)
            let beforeKill = load.count
            try await primary.stop("immediate")
            let killed = ContinuousClock.now  // the primary is gone: what is acknowledged from here was written by the standby
            try await standby.promote()
            let promoted = ContinuousClock.now
            try await load.waitFor(beforeKill + 100)
            load.stop()
            try await writing.value

            let acknowledged = load.acknowledged.withLock { $0 }
            let firstAfter = try #require(acknowledged.filter { $0.at > killed }.map(\.at).min())
            let stored = try await server.host.store.driver.read(tenant: nil) { connection in
                try connection.query("SELECT id, external_ref FROM complaints").map { ($0["id"].text ?? "", $0["external_ref"].text ?? "") }
            }
            let lost = Set(acknowledged.map(\.id)).subtracting(stored.map(\.0))
            #expect(lost.isEmpty, "\(lost.count) acknowledged complaints lost")
            #expect(Set(stored.map(\.1)).count == stored.count, "a retried create was stored twice")
            let seconds = { (duration: Duration) in Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
            #expect(seconds(firstAfter - killed) < 10, "writes served again \(seconds(firstAfter - killed)) s after the primary died")
            let retryable = try #require(load.firstRetryable.withLock { $0 }, "no request was in flight when the primary died")
            #expect(retryable["data"]?["retryable"] == true && retryable.string("message")?.isEmpty == false)
            print(
                "failover: \(acknowledged.count) acknowledged (\(beforeKill) before the kill), \(lost.count) lost, "
                    + "\(load.retried.withLock { $0 }) retryable answers (the first: \(retryable)), promoted in "
                    + "\(String(format: "%.2f", seconds(promoted - killed))) s, writes served again "
                    + "\(String(format: "%.2f", seconds(firstAfter - killed))) s after the primary died")
        }
    }
}
