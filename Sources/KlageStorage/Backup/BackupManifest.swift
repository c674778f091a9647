public import Foundation

/// What a backup holds, written beside it (`<backup>.manifest.json`): when and from where it was made,
/// the migration it is at, and each table's row count and checksum as the source held them at the
/// backup's point. A restore checks the copy against it before it replaces anything.
public struct BackupManifest: Codable, Sendable, Hashable {
    /// One table as the source held it.
    public struct TableSum: Codable, Sendable, Hashable, CustomStringConvertible {
        public let table: String
        public let rows: Int
        /// FNV-1a (64 bits) over every row's values in key order (``StoreCopier/checksum(_:)``'s hash).
        public let checksum: String

        public init(table: String, rows: Int, checksum: String) {
            self.table = table
            self.rows = rows
            self.checksum = checksum
        }

        public var description: String { "\(table): \(rows) rows, checksum \(checksum)" }
    }

    /// The manifest's format; a restore refuses one it does not know.
    public var format = 1
    public let engine: String
    public let createdAt: Date
    /// The last migration the copy is at: a restore refuses a copy newer than the binary.
    public let migration: Int
    public let bytes: Int
    public let tables: [TableSum]

    public init(engine: String, createdAt: Date, migration: Int, bytes: Int, tables: [TableSum]) {
        self.engine = engine
        self.createdAt = createdAt
        self.migration = migration
        self.bytes = bytes
        self.tables = tables
    }

    /// The manifest file of the backup at `path`.
    public static func path(for backup: String) -> String { backup + ".manifest.json" }

    /// The tables whose count or checksum differ between `self` and `other`, named with both figures.
    public func differences(from other: [TableSum]) -> [String] {
        let theirs = Dictionary(other.map { ($0.table, $0) }, uniquingKeysWith: { first, _ in first })
        let ours = Set(tables.map(\.table))
        var problems = tables.compactMap { table -> String? in
            guard let copy = theirs[table.table] else { return "\(table.table): missing from the copy" }
            return copy == table
                ? nil : "\(table.table): \(table.rows) rows, \(table.checksum) in the source; \(copy.rows), \(copy.checksum) in the copy"
        }
        problems += other.filter { !ours.contains($0.table) }.map { "\($0.table): in the copy but not in the source" }
        return problems
    }
}
