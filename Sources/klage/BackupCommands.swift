import ArgumentParser
import Foundation
import KlageRPC
import KlageSQLite
import KlageServer
import KlageStorage

/// `klage backup --to FILE`: a consistent copy of a SQLite host while it serves, and its manifest.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy a SQLite host's database while it serves (SQLite's online backup), with a manifest of every table's count and checksum.",
        discussion:
            "The copy is one file, readable by the owner only, and is checked against the source's snapshot before the command succeeds. "
            + "PostgreSQL hosts use base backups and WAL archiving: see Deploy/README.md."
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The backup file to write (it must not exist); its manifest is written beside it as FILE.manifest.json.")
    var to: String

    func run() async throws {
        guard case .sqlite(let path) = try DatabaseURL(try options.load().database) else {
            throw ValidationError("klage backup copies SQLite hosts; back PostgreSQL up with pg_basebackup and WAL archiving (Deploy/README.md)")
        }
        let started = ContinuousClock.now
        let target = to
        // A one-shot command: blocking this process's thread on the disk is what it is for.
        let manifest = try SQLiteBackup.make(from: path, to: target)
        let seconds = (ContinuousClock.now - started).components
        print(
            "backed up \(path) to \(to): \(manifest.bytes) bytes, \(manifest.tables.count) tables, "
                + "\(manifest.tables.map(\.rows).reduce(0, +)) rows, migration \(manifest.migration), in \(seconds.seconds).\(String(format: "%03d", seconds.attoseconds / 1_000_000_000_000_000)) s"
        )
        print("manifest: \(BackupManifest.path(for: to))")
    }
}

/// `klage restore --from FILE --to sqlite:PATH` (or `--check`): a backup brought back, proven first.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a SQLite backup against its manifest and audit chains, and bring it back as a new database.",
        discussion:
            "The target must not exist: stop the server and move the old database (with its -wal and -shm) aside. "
            + "Nothing is written to the target until every table's count and checksum and every audit chain verify."
    )

    @Option(help: "The backup file (its manifest beside it as FILE.manifest.json).") var from: String
    @Option(help: "Where to restore it: sqlite:PATH.") var to: String?
    @Flag(help: "Only check the backup; write nothing.") var check = false

    func run() async throws {
        _ = GlobalOptions.bootstrapLogging(level: "warning")
        guard check != (to != nil) else { throw ValidationError("give either --to sqlite:PATH or --check") }
        var target: String?
        if let to {
            guard case .sqlite(let path) = try DatabaseURL(to) else { throw ValidationError("--to must be a sqlite:PATH URL") }
            target = path
        }
        let manifestPath = BackupManifest.path(for: from)
        guard let data = FileManager.default.contents(atPath: manifestPath), data.count <= 16 << 20 else {
            throw ValidationError("no readable manifest at \(manifestPath) (at most 16 MiB): a backup is restored only with its manifest")
        }
        let manifest: BackupManifest
        do {
            manifest = try StrictJSON.decode(BackupManifest.self, from: data)
        } catch {
            throw ValidationError("\(manifestPath) is not a backup manifest: \(error.reason)")
        }
        let report = try await SQLiteRestore.restore(from: from, manifest: manifest, to: target)
        print(target.map { "restored \(from) to \($0): \(report)" } ?? "checked \(from): \(report)")
    }
}
