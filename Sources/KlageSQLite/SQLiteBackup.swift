import CSQLite
public import Foundation
import KlageKernel
public import KlageStorage

/// Online backups of a SQLite host with SQLite's backup API: consistent while the server writes, and
/// proven by each table's count and checksum, taken in the same snapshot the pages were copied from.
///
/// ```swift
/// let manifest = try SQLiteBackup.make(from: "data/klage.sqlite", to: "/backup/klage-2026-12-07.sqlite")
/// let checked = try SQLiteBackup.check("/backup/klage-2026-12-07.sqlite")
/// ```
///
/// Both block on disk: call them from a thread of their own, not the cooperative pool.
public enum SQLiteBackup {
    /// Copies the database at `source` into a new file at `target` while it may be written.
    ///
    /// One read transaction on the source holds a snapshot; the backup API copies every page of that
    /// snapshot, and the tables' sums are read in it too, so they are the backup's point exactly. The
    /// copy is then read back and must have the same sums; it is written self-contained (rollback
    /// journal, no `-wal` beside it), `0600`, and its manifest beside it.
    /// - Throws: ``StorageError`` when `target` exists, the copy fails, or the copy reads back different.
    public static func make(from source: String, to target: String, now: Date = Date()) throws -> BackupManifest {
        guard !FileManager.default.fileExists(atPath: target), !FileManager.default.fileExists(atPath: BackupManifest.path(for: target)) else {
            throw StorageError(code: .constraint, message: "\(target) (or its manifest) exists already; a backup never overwrites one")
        }
        guard FileManager.default.createFile(atPath: target, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw StorageError(code: .unavailable, message: "cannot create \(target)")
        }
        do {
            let sums: [BackupManifest.TableSum]
            let migration: Int
            do {
                guard FileManager.default.fileExists(atPath: source) else {
                    throw StorageError(code: .unavailable, message: "there is no SQLite database at \(source)")
                }
                let from = try SQLiteConnection(path: source, readOnly: false)
                (sums, migration) = try from.transaction(write: false) { connection in
                    let migration = try latestMigration(connection)  // the first read: the snapshot starts here
                    try connection.backup(into: target)
                    return (try tableSums(connection), migration)
                }
            }
            let copy = try SQLiteConnection(path: target, readOnly: false, journal: "DELETE")
            let copied = try copy.transaction(write: false) { try tableSums($0) }
            let manifest = BackupManifest(
                engine: "sqlite", createdAt: now, migration: migration, bytes: try size(of: target), tables: sums)
            let differences = manifest.differences(from: copied)
            guard differences.isEmpty else {
                throw StorageError(code: .corruptRow, message: "the copy does not read back as the source: \(differences.joined(separator: "; "))")
            }
            let data = try JSONEncoder.manifest.encode(manifest)
            guard FileManager.default.createFile(atPath: BackupManifest.path(for: target), contents: data, attributes: [.posixPermissions: 0o600])
            else {
                throw StorageError(code: .unavailable, message: "cannot write \(BackupManifest.path(for: target))")
            }
            return manifest
        } catch {
            try? FileManager.default.removeItem(atPath: target)
            throw error
        }
    }

    /// Checks the database at `path` against the tables of `manifest`: SQLite's integrity check, then
    /// every table's count and checksum.
    /// - Returns: the problems found; none when the copy is the source at the backup's point.
    public static func check(_ path: String, against manifest: BackupManifest) throws -> [String] {
        let connection = try SQLiteConnection(path: path, readOnly: true)
        return try connection.transaction(write: false) { connection in
            let integrity = try connection.query("PRAGMA integrity_check").compactMap { $0.allValues.first?.text }
            guard integrity == ["ok"] else { return ["integrity check: " + integrity.prefix(5).joined(separator: "; ")] }
            return manifest.differences(from: try tableSums(connection))
        }
    }

    /// Every table's count and checksum (virtual tables are read through the tables they keep their
    /// data in), each row's values as SQLite's `quote()` gives them, in the order of all its columns.
    static func tableSums(_ connection: SQLiteConnection) throws -> [BackupManifest.TableSum] {
        let tables = try connection.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        ).compactMap { $0["name"].text }
        return try tables.map { table in
            let columns = try connection.query("SELECT name FROM pragma_table_info(\(table)) ORDER BY cid").compactMap { $0["name"].text }
            let quoted = columns.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            let rows = try connection.query(
                "SELECT \(unsafeRaw: quoted.map { "quote(\($0))" }.joined(separator: " || ',' || ")) AS r FROM \"\(unsafeRaw: table)\" ORDER BY \(unsafeRaw: quoted.joined(separator: ", "))"
            )
            return BackupManifest.TableSum(table: table, rows: rows.count, checksum: StoreCopier.checksum(rows))
        }
    }

    private static func latestMigration(_ connection: SQLiteConnection) throws -> Int {
        Int(try connection.query("SELECT MAX(id) AS v FROM klage_migrations").first?["v"].integer ?? 0)
    }

    private static func size(of path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }
}

extension JSONEncoder {
    /// Manifests: sorted keys, RFC 3339 times, indented for a person reading one.
    static var manifest: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .custom(Timestamp.encode)
        return encoder
    }
}
