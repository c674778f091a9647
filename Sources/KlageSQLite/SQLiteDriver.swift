import Foundation
public import KlageKernel
public import KlageStorage
import Synchronization

/// The SQLite engine: one writer connection and several readers over one WAL database file.
///
/// Writes queue on the writer (SQLite allows one at a time anyway), which commits concurrent writes
/// together, each in its own savepoint (``SQLiteGroupWriter``); reads spread over the readers and never
/// wait for writes. Every commit is durable (`synchronous=FULL`) before it is acknowledged.
///
/// ```swift
/// let driver = try SQLiteDriver(path: "data/klage.sqlite")
/// ```
public final class SQLiteDriver: SQLDriver {
    public let dialect = SQLDialect.sqlite
    /// The database file.
    public let path: String
    private let writer: SQLiteGroupWriter
    private let readers: [SQLiteWorker]
    private let nextReader = Atomic<Int>(0)

    /// Opens or creates the database at `path` (creating its folder), with `readers` read connections.
    ///
    /// A new folder is created `0700` and a new database file `0600` (SQLite gives its `-wal` and `-shm`
    /// files the database's mode): complaints hold personal data, and no other user of the machine reads them.
    ///
    /// - Throws: ``KlageStorage/StorageError`` with code `unavailable` when the file cannot be opened.
    public init(path: String, readers: Int = 4) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        self.writer = try SQLiteGroupWriter(path: path)
        self.readers = try (0..<max(1, readers)).map { index in
            try SQLiteWorker(path: path, readOnly: true, label: "klage.sqlite.reader.\(index)")
        }
    }

    public func read<T: Sendable>(tenant: TenantID?, _ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        let index = nextReader.add(1, ordering: .relaxed).oldValue % readers.count
        return try await readers[index].run { connection in
            try connection.transaction(write: false) { try body($0) }
        }
    }

    public func write<T: Sendable>(tenant: TenantID?, _ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await writer.write { connection in try body(connection) }
    }

    /// The writer's group commits so far and writes waiting now (for metrics).
    public var writerStats: SQLiteWriterStats { writer.stats }

    public func ping() async -> Bool {
        (try? await read(tenant: nil) { try $0.query("SELECT 1 AS ok").count == 1 }) ?? false
    }

    /// Closes every connection once the work queued before it has run; later calls fail as unavailable.
    public func close() async {
        await writer.close()
        for reader in readers { await reader.close() }
    }
}
