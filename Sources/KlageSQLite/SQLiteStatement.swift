import CSQLite
import KlageStorage

/// One prepared statement (`sqlite3_stmt*`): prepared in `init`, finalized in `deinit`.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    /// SQLite copies bound text at bind time, so no Swift string needs to outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(connection: OpaquePointer, sql: String) throws {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw SQLiteConnection.error(status, on: connection) }
        self.handle = statement
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func bind(_ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32 =
                switch value {
                case .null: sqlite3_bind_null(handle, index)
                case .integer(let number): sqlite3_bind_int64(handle, index, number)
                case .real(let number): sqlite3_bind_double(handle, index, number)
                case .text(let text): sqlite3_bind_text(handle, index, text, -1, Self.transient)
                }
            guard status == SQLITE_OK else { throw SQLiteConnection.error(status, on: connection) }
        }
    }

    /// Advances one row; `false` when done.
    func step() throws -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteConnection.error(status, on: connection)
        }
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func columnIndexes() -> [String: Int] {
        var columns: [String: Int] = [:]
        for index in 0..<sqlite3_column_count(handle) {
            columns[String(cString: sqlite3_column_name(handle, index))] = Int(index)
        }
        return columns
    }

    func rowValues() -> [SQLValue] {
        (0..<sqlite3_column_count(handle)).map { index in
            switch sqlite3_column_type(handle, index) {
            case SQLITE_INTEGER: .integer(sqlite3_column_int64(handle, index))
            case SQLITE_FLOAT: .real(sqlite3_column_double(handle, index))
            case SQLITE_NULL: .null
            default: .text(String(cString: sqlite3_column_text(handle, index)))
            }
        }
    }
}
