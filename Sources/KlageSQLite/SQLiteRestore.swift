public import Foundation
import KlageKernel
public import KlageStorage

/// Brings a SQLite backup back as a host's database, or only checks that it would come back whole.
///
/// ```swift
/// let report = try await SQLiteRestore.restore(from: "/backup/klage.sqlite", manifest: manifest, to: "data/klage.sqlite")
/// ```
public enum SQLiteRestore {
    /// What a restore found: the tables checked and each audit chain verified.
    public struct Report: Sendable, CustomStringConvertible {
        public let tables: Int
        public let rows: Int
        /// Each chain checked (`host`, then the tenants by id) with its entries.
        public let chains: [(chain: String, entries: Int)]

        public var description: String {
            "\(tables) tables, \(rows) rows: every count and checksum matches the manifest; "
                + "\(chains.count) audit chains intact (\(chains.map { "\($0.chain) \($0.entries)" }.joined(separator: ", ")))"
        }
    }

    /// Checks the backup at `backup` against `manifest` (SQLite's integrity check, every table's count
    /// and checksum), migrates a copy of it to this build, verifies every audit chain in it, and only
    /// then moves the copy to `target`; with `target` nil it checks and removes the copy.
    ///
    /// - Throws: ``StorageError`` naming what is wrong: a manifest of another engine, format or a later
    ///   migration than this build knows, a table that differs, a broken chain, or a `target` (or its
    ///   `-wal`) that exists: a restore never overwrites a database; stop the server and move it aside.
    public static func restore(from backup: String, manifest: BackupManifest, to target: String?) async throws -> Report {
        guard manifest.format == 1, manifest.engine == "sqlite" else {
            throw StorageError(
                code: .migration,
                message: "the manifest is of format \(manifest.format) for \(manifest.engine); this build restores format 1 for sqlite")
        }
        let known = Migrator().migrations.map(\.id).max() ?? 0
        guard manifest.migration <= known else {
            throw StorageError(
                code: .migration,
                message: "the backup is at migration \(manifest.migration), later than this build's \(known): restore it with a newer klage")
        }
        if let target, [target, target + "-wal"].contains(where: FileManager.default.fileExists(atPath:)) {
            throw StorageError(code: .constraint, message: "\(target) exists: stop the server and move it (and its -wal and -shm) aside first")
        }
        let problems = try SQLiteBackup.check(backup, against: manifest)
        guard problems.isEmpty else {
            throw StorageError(code: .corruptRow, message: "the backup is not what its manifest says: \(problems.joined(separator: "; "))")
        }
        let folder = URL(fileURLWithPath: target ?? backup).deletingLastPathComponent()
        let working = folder.appendingPathComponent(".klage-restore-\(UUID().uuidString).sqlite").path
        let cleanUp = { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: working + suffix) } }
        do {
            try FileManager.default.copyItem(atPath: backup, toPath: working)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: working)
            let driver = try SQLiteDriver(path: working, readers: 1)
            let store = SQLKlageStore(driver: driver)
            var chains: [(String, Int)] = []
            do {
                _ = try await store.migrate()
                let host = try await store.verifyHostAudit(anchor: nil)
                guard host.problems.isEmpty else { throw chainBroken("host", host.problems.map(\.message)) }
                chains.append(("host", host.entries))
                for tenant in try await store.allTenants().sorted(by: { $0.id.rawValue < $1.id.rawValue }) {
                    let chain = try await store.verifyAudit(tenant: tenant.id)
                    guard chain.intact else { throw chainBroken(tenant.id.rawValue, chain.problems.map(\.message)) }
                    chains.append((tenant.id.rawValue, chain.entries))
                }
                await driver.close()
            } catch {
                await driver.close()
                throw error
            }
            if let target {
                // The copy is checkpointed into its one file when the driver closed; moved in whole.
                try? FileManager.default.removeItem(atPath: working + "-shm")
                try FileManager.default.moveItem(atPath: working, toPath: target)
            }
            cleanUp()
            return Report(tables: manifest.tables.count, rows: manifest.tables.map(\.rows).reduce(0, +), chains: chains)
        } catch {
            cleanUp()
            throw error
        }
    }

    private static func chainBroken(_ chain: String, _ problems: [String]) -> StorageError {
        StorageError(code: .corruptRow, message: "the audit chain \(chain) does not verify: \(problems.prefix(3).joined(separator: "; "))")
    }
}
