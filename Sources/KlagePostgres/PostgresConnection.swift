import CLibPQ
import Foundation
import KlageStorage
import Synchronization

/// One libpq connection (`PGconn*`): connected in `init`, finished in `deinit`.
///
/// Not thread-safe by itself: the ``PostgresPool`` lends it to one caller at a time, and every call
/// runs on a dispatch queue, off Swift's cooperative pool (libpq blocks on the network).
///
/// `@unchecked Sendable`: the pool hands a connection to one caller at a time and takes it back
/// before lending it again, so no two threads ever use one `PGconn` together.
final class PostgresConnection: SQLConnection, @unchecked Sendable {
    /// A connection found dead at the start of a transaction, before anything was sent: safe to retry elsewhere.
    struct StaleConnection: Error {
        let underlying: StorageError
    }

    private let handle: OpaquePointer
    /// Statements prepared on this connection, by SQL text.
    private var prepared: [String: String] = [:]
    /// Statements held by ``send(_:)``, their values written in: they go with the next message.
    private var deferred: [String] = []
    /// The audit-chain heads this transaction moved, by tenant; forgotten when a write of it fails.
    private var auditHeads: [String: (seq: Int, hash: String)] = [:]

    /// Messages sent to the server and answered, by every connection of the process: what a write costs
    /// in round trips, for metrics and `Benchmarks/run`.
    static let roundTrips = Atomic<Int>(0)

    /// Connects with a `postgres://` URL or a libpq connection string, with `options`' connect timeout
    /// and keepalives (the URL's own parameters win), then sets the session's timeouts.
    ///
    /// - Throws: ``KlageStorage/StorageError`` with code `unavailable` for a refused connection, a wrong
    ///   host or failed authentication; the message says which, the password never appears.
    init(url: String, options: PostgresOptions = PostgresOptions()) throws {
        // Parameters before `dbname` are overridden by what the expanded URL sets.
        let parameters = options.connectionParameters + [("dbname", url)]
        let connection = withCStrings(parameters.map(\.0) + [nil]) { keywords in
            withCStrings(parameters.map(\.1) + [nil]) { values in PQconnectdbParams(keywords, values, 1) }
        }
        guard let connection else {
            throw StorageError(code: .unavailable, message: "cannot allocate a PostgreSQL connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let detail = String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(connection)
            throw StorageError(code: .unavailable, message: Self.connectionFailure(detail), detail: detail)
        }
        self.handle = connection
        // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        try exec("SET TIME ZONE 'UTC'; " + options.sessionSettings)
        applicationRole = try query(SQL(unsafeSQL: Self.applicationRoleQuery)).first?["role"].text ?? "klage_app"
    }

    /// The role tenant-scoped transactions take: one per database (`klage_app_` and 16 hex digits of the
    /// database name's MD5), so two Klage databases in one cluster never share it.
    private(set) var applicationRole = "klage_app"

    /// How the application role's name is derived from the database's.
    static let applicationRoleQuery = "SELECT 'klage_app_' || left(md5(current_database()), 16) AS role"

    deinit {
        PQfinish(handle)
    }

    /// Set when the server invalidated this connection's prepared statements (a migration changed a table).
    private var isPoisoned = false

    /// Whether the connection is still usable; a broken or poisoned one is thrown away by the pool.
    var isHealthy: Bool { !isPoisoned && PQstatus(handle) == CONNECTION_OK }

    /// Whether the connection sits outside a transaction, as it must when returned to the pool.
    var isIdle: Bool { PQtransactionStatus(handle) == PQTRANS_IDLE }

    /// Runs SQL text without parameters (transaction control, settings), after the statements held by
    /// ``send(_:)`` and in the same message: one round trip for all of them.
    func exec(_ text: String) throws {
        try exec(text) { _ in }
    }

    /// ``exec(_:)``, reading the answer of the message's last statement.
    private func exec<T>(_ text: String, _ read: (OpaquePointer) throws -> T) throws -> T {
        let message = deferred.isEmpty ? text : (deferred + [text]).joined(separator: ";\n")
        deferred.removeAll()
        Self.roundTrips.add(1, ordering: .relaxed)
        guard let result = PQexec(handle, message) else { throw failure(nil) }
        defer { PQclear(result) }
        try check(result)
        return try read(result)
    }

    /// Holds the statement to go with the transaction's next message (``exec(_:)``, or the next statement,
    /// which then goes with it). Its values are written in as literals, escaped by libpq.
    func send(_ sql: SQL) throws {
        deferred.append(try inline(sql))
    }

    /// The statement's text with its values written in as literals, escaped by libpq.
    private func inline(_ sql: SQL) throws -> String {
        try sql.renderInline { value in
            switch value {
            case .null: "NULL"
            case .integer(let number): "'\(number)'"
            case .real(let number): "'\(number)'"
            case .text(let text): try literal(text)
            }
        }
    }

    /// Forgets the held statements and the heads: their write failed, and is being rolled back.
    func discardDeferred() {
        deferred.removeAll()
        auditHeads.removeAll()
    }

    func auditHead(of tenant: String) -> (seq: Int, hash: String)? {
        auditHeads[tenant]
    }

    func rememberAuditHead(of tenant: String, seq: Int, hash: String) {
        auditHeads[tenant] = (seq, hash)
    }

    @discardableResult
    func execute(_ sql: SQL) throws -> Int {
        try run(sql) { result in Int(String(cString: PQcmdTuples(result))) ?? 0 }
    }

    func query(_ sql: SQL) throws -> [SQLRow] {
        try run(sql) { result in
            let columnCount = PQnfields(result)
            var columns: [String: Int] = [:]
            var types: [Oid] = []
            for column in 0..<columnCount {
                columns[String(cString: PQfname(result, column))] = Int(column)
                types.append(PQftype(result, column))
            }
            return (0..<PQntuples(result)).map { row in
                SQLRow(
                    columns: columns,
                    values: (0..<columnCount).map { column in
                        guard PQgetisnull(result, row, column) == 0 else { return .null }
                        return Self.value(String(cString: PQgetvalue(result, row, column)), type: types[Int(column)])
                    })
            }
        }
    }

    /// Runs `body` inside `BEGIN` and `COMMIT`, rolling back on error. With a tenant, the transaction
    /// acts as the database's application role (``applicationRole``) with `klage.tenant` set, so row-level security applies.
    /// `opening` is more SQL for the opening message (a savepoint).
    func transaction<T>(tenant: String?, readOnly: Bool, opening more: String? = nil, _ body: (PostgresConnection) throws -> T) throws -> T {
        // One round trip opens the transaction and, for a tenant, takes the role and sets the tenant.
        discardDeferred()
        var opening = readOnly ? "BEGIN READ ONLY" : "BEGIN"
        if let tenant {
            opening += "; SET LOCAL ROLE \(applicationRole); SET LOCAL klage.tenant = \(try literal(tenant))"
        }
        if let more { opening += "; " + more }
        do {
            try exec(opening)
        } catch let error as StorageError where !isHealthy {
            throw StaleConnection(underlying: error)
        }
        do {
            let result = try body(self)
            try exec("COMMIT")
            return result
        } catch {
            discardDeferred()
            if isHealthy { try? exec("ROLLBACK") }
            throw error
        }
    }

    /// `text` as a quoted SQL literal, escaped by libpq for this connection's encoding.
    private func literal(_ text: String) throws -> String {
        guard let escaped = PQescapeLiteral(handle, text, text.utf8.count) else { throw failure(nil) }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }

    /// Prepares a statement once per connection, then executes it with text parameters. After held
    /// statements it goes in their message instead, its values written in: one round trip, whose answer
    /// is the last statement's (or the first failure's).
    private func run<T>(_ sql: SQL, _ read: (OpaquePointer) throws -> T) throws -> T {
        if !deferred.isEmpty {
            let statement = try inline(sql)
            return try exec(statement, read)
        }
        let (text, bindings) = SQLDialect.postgres.render(sql)
        let name: String
        if let known = prepared[text] {
            name = known
        } else {
            name = "k\(prepared.count)"
            Self.roundTrips.add(1, ordering: .relaxed)
            guard let result = PQprepare(handle, name, text, 0, nil) else { throw failure(nil) }
            defer { PQclear(result) }
            try check(result)
            prepared[text] = name
        }
        let texts: [String?] = bindings.map { value in
            switch value {
            case .null: nil
            case .integer(let number): String(number)
            case .real(let number): String(number)
            case .text(let text): text
            }
        }
        Self.roundTrips.add(1, ordering: .relaxed)
        return try withCStrings(texts) { pointers in
            guard let result = PQexecPrepared(handle, name, Int32(pointers.count), pointers, nil, nil, 0) else { throw failure(nil) }
            defer { PQclear(result) }
            try check(result)
            return try read(result)
        }
    }

    private func check(_ result: OpaquePointer) throws {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default:
            let error = failure(result)
            // "cached plan must not change result type": a migration altered a table under a prepared
            // statement. The transaction is aborted (nothing committed), so retry it on a new connection.
            if PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map({ String(cString: $0) }) == "0A000" {
                isPoisoned = true
                throw StaleConnection(underlying: error)
            }
            throw error
        }
    }

    /// A ``StorageError`` from a failed result (by SQLSTATE class) or a broken connection.
    private func failure(_ result: OpaquePointer?) -> StorageError {
        let detail = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let result, let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map({ String(cString: $0) }) else {
            return StorageError(code: .unavailable, message: "the PostgreSQL connection failed", detail: detail)
        }
        switch state.prefix(2) {
        case "23": return StorageError(code: .constraint, message: "a constraint failed", detail: detail)
        case "08", "57", "53": return StorageError(code: .unavailable, message: "PostgreSQL is unavailable (\(state))", detail: detail)
        case "40": return StorageError(code: .unavailable, message: "the transaction was rolled back by PostgreSQL (\(state)); retry", detail: detail)
        default: return StorageError(code: .engine, message: "PostgreSQL error \(state)", detail: detail)
        }
    }

    private static func connectionFailure(_ detail: String) -> String {
        let lower = detail.lowercased()
        if lower.contains("password authentication failed") || lower.contains("authentication failed") || lower.contains("no password supplied") {
            return "PostgreSQL refused the credentials (authentication failed)"
        }
        if lower.contains("does not exist") { return "the PostgreSQL database or role does not exist" }
        if lower.contains("connection refused") || lower.contains("no such file") {
            return "PostgreSQL refused the connection (is the server running?)"
        }
        if lower.contains("could not translate host name") { return "the PostgreSQL host name is unknown" }
        if lower.contains("invalid") || lower.contains("missing") { return "the PostgreSQL URL is invalid" }
        return "cannot connect to PostgreSQL"
    }

    /// Converts a text-format value by its column type's OID.
    private static func value(_ text: String, type: Oid) -> SQLValue {
        switch type {
        case 20, 21, 23, 26: Int64(text).map(SQLValue.integer) ?? .text(text)
        case 700, 701, 1700: Double(text).map(SQLValue.real) ?? .text(text)
        case 16: .integer(text == "t" ? 1 : 0)
        default: .text(text)
        }
    }
}

/// Calls `body` with C strings for `values` (NULL for `nil`) that live until it returns.
private func withCStrings<T>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) throws -> T) rethrows -> T {
    let pointers: [UnsafeMutablePointer<CChar>?] = values.map { $0.flatMap { strdup($0) } }
    defer { for pointer in pointers { free(pointer) } }
    return try body(pointers.map { UnsafePointer($0) })
}
