import CSQLite
import Foundation
import KlageStorage

/// One open libsqlite3 connection (`sqlite3*`): opened in `init`, closed in `deinit`.
///
/// Not thread-safe by itself: its ``SQLiteWorker`` runs every call on one serial queue.
final class SQLiteConnection: SQLConnection {
    private let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens (and creates, unless `readOnly`) the database at `path` with Klage's pragmas; a writable
    /// connection sets the `journal` mode (WAL, or a backup's self-contained `DELETE`).
    init(path: String, readOnly: Bool, journal: String = "WAL") throws {
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let detail = db.map { String(cString: sqlite3_errmsg($0)) }
            sqlite3_close_v2(db)
            throw StorageError(code: .unavailable, message: "cannot open the SQLite database", detail: detail)
        }
        self.handle = db
        sqlite3_extended_result_codes(db, 1)
        // WAL lets readers run beside the writer; FULL makes every acknowledged commit durable.
        try exec("PRAGMA busy_timeout = 5000")
        if !readOnly {
            try exec("PRAGMA journal_mode = \(journal)")
            // What is freed is zeroed: an erased citizen's old bytes stay in no free page that a backup copies.
            try exec("PRAGMA secure_delete = ON")
        }
        try exec("PRAGMA synchronous = FULL")
        try exec("PRAGMA foreign_keys = ON")
        // SQLite's default page cache is 2 MiB. On a host of a million complaints a write's index pages no
        // longer fit in it and are read again for every write; the writer keeps 64 MiB, a reader 16 MiB
        // (taken only as pages are read).
        try exec("PRAGMA cache_size = \(readOnly ? -16_384 : -65_536)")
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs SQL text without parameters (pragmas, transaction control).
    /// Whether no transaction is open: inside a batch, the outer transaction was lost (rolled back by
    /// SQLite after an I/O error, a full disk or out of memory, or by a statement).
    var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    func exec(_ text: String) throws {
        let status = sqlite3_exec(handle, text, nil, nil, nil)
        guard status == SQLITE_OK else { throw error(status) }
    }

    @discardableResult
    func execute(_ sql: SQL) throws -> Int {
        try withStatement(sql) { statement in
            while try statement.step() {}
            return Int(sqlite3_changes(handle))
        }
    }

    func query(_ sql: SQL) throws -> [SQLRow] {
        try withStatement(sql) { statement in
            var rows: [SQLRow] = []
            let columns = statement.columnIndexes()
            while try statement.step() {
                rows.append(SQLRow(columns: columns, values: statement.rowValues()))
            }
            return rows
        }
    }

    /// Copies every page of this connection's database into the database file at `path` with SQLite's
    /// backup API, in one step: inside a read transaction, the pages of its snapshot.
    func backup(into path: String) throws {
        let target = try SQLiteConnection(path: path, readOnly: false, journal: "DELETE")
        guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else { throw target.error(sqlite3_errcode(target.handle)) }
        let stepped = sqlite3_backup_step(backup, -1)
        let finished = sqlite3_backup_finish(backup)
        guard stepped == SQLITE_DONE else { throw target.error(stepped) }
        guard finished == SQLITE_OK else { throw target.error(finished) }
    }

    /// Runs `body` inside `BEGIN` (`BEGIN IMMEDIATE` for writes) and `COMMIT`, rolling back on error.
    func transaction<T>(write: Bool, _ body: (SQLiteConnection) throws -> T) throws -> T {
        try exec(write ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            let result = try body(self)
            try exec("COMMIT")
            return result
        } catch {
            try? exec("ROLLBACK")
            throw error
        }
    }

    private func withStatement<T>(_ sql: SQL, _ body: (SQLiteStatement) throws -> T) throws -> T {
        let (text, bindings) = SQLDialect.sqlite.render(sql)
        let statement: SQLiteStatement
        if let cached = statements[text] {
            statement = cached
        } else {
            statement = try SQLiteStatement(connection: handle, sql: text)
            if statements.count < 256 { statements[text] = statement }
        }
        defer { statement.reset() }
        try statement.bind(bindings)
        return try body(statement)
    }

    /// A ``StorageError`` for a libsqlite3 result code, with the engine's message as detail only.
    func error(_ status: Int32) -> StorageError { Self.error(status, on: handle) }

    /// The ``StorageError`` for `status` on the connection `handle`. Statements call this rather than keep
    /// their connection: a statement that held it would keep it (and its files) open for good.
    static func error(_ status: Int32, on handle: OpaquePointer) -> StorageError {
        let detail = String(cString: sqlite3_errmsg(handle))
        switch status & 0xFF {
        case SQLITE_CONSTRAINT:
            return StorageError(code: .constraint, message: "a constraint failed", detail: detail)
        case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_FULL:
            return StorageError(code: .unavailable, message: "the SQLite database is busy or cannot be written", detail: detail)
        default:
            return StorageError(code: .engine, message: "SQLite error \(status)", detail: detail)
        }
    }
}
