import Foundation
import KlageKernel
import KlageSQLite
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// `klage backup` copies a SQLite host while it takes complaints; `klage restore` brings the copy back
/// only when every table matches the manifest and every audit chain verifies.
@Suite struct SQLiteBackupTests {
    @Test(.enabled(if: KlageProcess.binary != nil, "needs the built klage executable"))
    func aBackupUnderWriteLoadRestoresWithEveryAcknowledgedComplaintAndIntactChains() async throws {
        let binary = try #require(KlageProcess.binary)
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let backup = folder.appendingPathComponent("backup.sqlite").path
        let restored = folder.appendingPathComponent("restored.sqlite").path
        try await withTestServer(.sqlite) { server throws in
            guard case .sqlite(let source) = try DatabaseURL(server.host.configuration.database) else { throw CancellationError() }
            let key = try await server.key("roskilde", .integration)
            let load = ComplaintWriteLoad()
            let writing = Task { try await load.run(server, key: key) }
            try await load.waitFor(40)
            let before = load.ids
            let made = try await ChildProcess.run(
                binary, ["backup", "--to", backup, "--database", "sqlite:" + source], environment: ["PATH": "/usr/bin:/bin"])
            let after = load.count
            load.stop()
            try await writing.value
            #expect(made.status == 0, "klage backup: \(made.stdout) \(made.stderr)")
            #expect(after > before.count, "no complaint was written while the backup ran")

            let restore = try await ChildProcess.run(
                binary, ["restore", "--from", backup, "--to", "sqlite:" + restored], environment: ["PATH": "/usr/bin:/bin"])
            #expect(restore.status == 0, "klage restore: \(restore.stdout) \(restore.stderr)")
            #expect(restore.stdout.contains("every count and checksum matches the manifest") && restore.stdout.contains("audit chains intact"))

            // The restored host holds every complaint acknowledged before the backup began, and its chains verify.
            let driver = try SQLiteDriver(path: restored, readers: 1)
            let store = SQLKlageStore(driver: driver)
            let ids = try await driver.read(tenant: nil) { connection in
                Set(try connection.query("SELECT id FROM complaints").compactMap { $0["id"].text })
            }
            #expect(Set(before).isSubset(of: ids), "\(Set(before).subtracting(ids).count) acknowledged complaints are missing")
            #expect(ids.count <= after)
            #expect(try await store.verifyAudit(tenant: "roskilde").intact)
            #expect(try await store.verifyHostAudit(anchor: nil).problems.isEmpty)
            await driver.close()

            // A second restore never overwrites the first.
            let again = try await ChildProcess.run(
                binary, ["restore", "--from", backup, "--to", "sqlite:" + restored], environment: ["PATH": "/usr/bin:/bin"])
            #expect(again.status != 0 && again.stderr.contains("exists"))
        }
    }

    @Test func aBackupThatDiffersFromItsManifestOrWhoseChainsBreakIsNotRestored() async throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        try await withTestServer(.sqlite, databaseURL: "sqlite:" + path("source.sqlite")) { server throws in
            let key = try await server.key("roskilde", .integration)
            _ = try await server.result(
                "complaint.create",
                [
                    "workflow": "roskilde.abc", "channel": "phone", "subject": "Ventetid", "description": "Ingen ringede",
                    "citizen": ["name": "Borger"],
                ],
                key: key)
        }
        let manifest = try SQLiteBackup.make(from: path("source.sqlite"), to: path("good.sqlite"))
        #expect(try SQLiteBackup.check(path("good.sqlite"), against: manifest).isEmpty)
        #expect(try await SQLiteRestore.restore(from: path("good.sqlite"), manifest: manifest, to: nil).chains.count == 4)
        #expect(throws: StorageError.self) { try SQLiteBackup.make(from: path("source.sqlite"), to: path("good.sqlite")) }

        // A row changed after the backup was made: the manifest catches it.
        try FileManager.default.copyItem(atPath: path("good.sqlite"), toPath: path("changed.sqlite"))
        try await Self.rewriteSubject(of: path("changed.sqlite"))
        let problems = try SQLiteBackup.check(path("changed.sqlite"), against: manifest)
        #expect(problems.contains { $0.hasPrefix("complaints:") } && problems.contains { $0.hasPrefix("events:") }, "\(problems)")
        await #expect(throws: StorageError.self) {
            try await SQLiteRestore.restore(from: path("changed.sqlite"), manifest: manifest, to: path("no.sqlite"))
        }
        #expect(!FileManager.default.fileExists(atPath: path("no.sqlite")))

        // A rewritten database backed up with a fresh manifest: the audit chain catches it.
        let rewritten = try SQLiteBackup.make(from: path("changed.sqlite"), to: path("rewritten.sqlite"))
        await #expect(throws: StorageError.self) {
            try await SQLiteRestore.restore(from: path("rewritten.sqlite"), manifest: rewritten, to: path("no.sqlite"))
        }
        #expect(!FileManager.default.fileExists(atPath: path("no.sqlite")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.hasPrefix(".klage-restore") })
    }

    /// Changes a complaint's subject, and who recorded its events, behind the application's back.
    static func rewriteSubject(of database: String) async throws {
        let driver = try SQLiteDriver(path: database, readers: 1)
        _ = try await driver.write(tenant: nil) { connection in
            try connection.execute("UPDATE complaints SET subject = 'Omskrevet'")
            try connection.execute("UPDATE events SET actor = 'someone-else'")
        }
        await driver.close()
    }
}
