import Foundation
import KlageKernel
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// PostgreSQL as `Deploy/README.md` says to back it up: a base backup taken while Klage writes, WAL
/// archived, and a restore to a named restore point that holds exactly what the source held there.
@Suite struct PostgresBackupTests {
    @Test(.enabled(if: ScratchPostgres.available, "needs the PostgreSQL server binaries and the test command"))
    func aBaseBackupUnderWriteLoadRestoresToARestorePointWithEveryTableAndChainIntact() async throws {
        let source = try await ScratchPostgres.start(settings: [
            "wal_level": "replica", "archive_mode": "on", "archive_command": "'test ! -f $FOLDER/archive/%f && cp %p $FOLDER/archive/%f'",
        ])
        let restored = try await ScratchPostgres.folder()
        try await ScratchPostgres.removing([source, restored]) { try await Self.backUpAndRestore(source, into: restored) }
    }

    static func backUpAndRestore(_ source: ScratchPostgres, into restored: ScratchPostgres) async throws {

        let checked = try await withTestServer(databaseURL: source.url) { server throws -> Checked in
            let key = try await server.key("roskilde", .integration)
            let load = ComplaintWriteLoad()
            let writing = Task { try await load.run(server, key: key) }
            try await load.waitFor(40)
            try await source.baseBackup(into: restored)
            try await load.waitFor(load.count + 40)
            // The point to restore to, taken under load: every table locked against writes while its sums
            // are read and the restore point is written, so the point is exactly what the sums saw.
            let point = try await Self.sumsAndRestorePoint(server.host.store.driver)
            try await load.waitFor(load.count + 20)
            load.stop()
            try await writing.value
            let acknowledged = load.ids
            try await Self.archiveCurrentWAL(server.host.store.driver)
            return Checked(sums: point.sums, complaints: point.complaints, acknowledged: acknowledged)
        }
        try await source.stop("immediate")  // the source is lost; only the base backup and the archive remain

        try await restored.configure([
            "archive_mode": "off", "restore_command": "'cp \(source.folder)/archive/%f %p'",
            "recovery_target_name": "'klage-checked'", "recovery_target_action": "'promote'",
        ])
        try await restored.owner("touch data/recovery.signal")
        try await restored.start()
        let driver = try await StorageFactory.open(try DatabaseURL(restored.url))
        for _ in 0..<300 where try await driver.read(tenant: nil, { try $0.query("SELECT pg_is_in_recovery() AS r").first?["r"].text }) != "f" {
            try await Task.sleep(for: .milliseconds(100))
        }
        let store = SQLKlageStore(driver: driver)
        let sums = try await driver.read(tenant: nil) { try Self.tableSums($0) }
        let complaints = try await driver.read(tenant: nil) { connection in
            Set(try connection.query("SELECT id FROM complaints").compactMap { $0["id"].text })
        }
        #expect(sums.count >= 25, "\(sums.count) tables")
        #expect(sums == checked.sums, "tables differing: \(sums.filter { checked.sums[$0.key] != $0.value }.keys.sorted())")
        #expect(complaints == checked.complaints)
        #expect(checked.complaints.count < checked.acknowledged.count, "nothing was written after the restore point")
        #expect(checked.complaints.isSubset(of: Set(checked.acknowledged)))
        #expect(try await store.verifyHostAudit(anchor: nil).problems.isEmpty)
        for tenant in try await store.allTenants() {
            let chain = try await store.verifyAudit(tenant: tenant.id)
            #expect(chain.intact, "\(tenant.id): \(chain.problems)")
        }
        await driver.close()
    }

    /// What the source held at the restore point.
    struct Checked: Sendable {
        let sums: [String: String]
        let complaints: Set<String>
        let acknowledged: [String]
    }

    /// Locks every table against writes, reads each one's sum and the complaints, and writes the restore
    /// point `klage-checked`, all in one transaction.
    /// Taking the locks may deadlock with a writer holding one table and waiting for another; PostgreSQL
    /// then rolls one of the two back, and whichever it was tries again.
    static func sumsAndRestorePoint(_ driver: any SQLDriver) async throws -> (sums: [String: String], complaints: Set<String>) {
        for _ in 0..<20 {
            do {
                return try await lockedSumsAndRestorePoint(driver)
            } catch let error as StorageError where error.code == .unavailable {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        return try await lockedSumsAndRestorePoint(driver)
    }

    private static func lockedSumsAndRestorePoint(_ driver: any SQLDriver) async throws -> (sums: [String: String], complaints: Set<String>) {
        try await driver.write(tenant: nil) { connection in
            let tables = try publicTables(connection)
            try connection.execute("LOCK TABLE \(unsafeRaw: tables.map { "public.\"\($0)\"" }.joined(separator: ", ")) IN SHARE MODE")
            let sums = try tableSums(connection)
            let complaints = Set(try connection.query("SELECT id FROM complaints").compactMap { $0["id"].text })
            _ = try connection.query("SELECT pg_create_restore_point('klage-checked')::text AS lsn")
            return (sums, complaints)
        }
    }

    /// Switches to a new WAL segment and waits until the archiver has copied the one that holds the point.
    static func archiveCurrentWAL(_ driver: any SQLDriver) async throws {
        let segment = try await driver.write(tenant: nil) { connection in
            try connection.query("SELECT pg_walfile_name(pg_switch_wal()) AS segment").first?["segment"].text ?? ""
        }
        for _ in 0..<300 {
            let archived = try await driver.read(tenant: nil) { try $0.query("SELECT last_archived_wal AS w FROM pg_stat_archiver").first?["w"].text }
            if let archived, archived >= segment { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the archiver did not copy \(segment)")
    }

    static func publicTables(_ connection: any SQLConnection) throws -> [String] {
        try connection.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").compactMap { $0["tablename"].text }
    }

    /// Each table's row count and MD5 over its rows' text, in order.
    static func tableSums(_ connection: any SQLConnection) throws -> [String: String] {
        var sums: [String: String] = [:]
        for table in try publicTables(connection) {
            let row = try connection.query(
                "SELECT count(*)::text AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum FROM public.\"\(unsafeRaw: table)\" t"
            ).first
            sums[table] = "\(row?["n"].text ?? "?") \(row?["sum"].text ?? "?")"
        }
        return sums
    }
}
