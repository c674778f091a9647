import CSQLiteLimits
import Foundation

/// Raw libsqlite3 loops with Klage's connection settings: how fast this disk and this library go
/// with nothing else in the way.
enum SQLiteLimits {
    /// A rate and its latencies.
    struct Measurement {
        var rate: Double
        var p50: Double
        var p99: Double
        var json: String { #"{"rate": \#(rate), "p50ms": \#(p50), "p99ms": \#(p99)}"# }

        init(count: Int, seconds: Double, latencies: [Double]) {
            let sorted = latencies.sorted()
            rate = Double(count) / seconds
            p50 = sorted.isEmpty ? 0 : sorted[sorted.count / 2] * 1000
            p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)] * 1000
        }
    }

    /// One-row transactions committed one after another for `seconds`, each durable before the next.
    static func commits(path: String, seconds: Double) throws -> Measurement {
        let db = try open(path, readOnly: false)
        defer { sqlite3_close_v2(db) }
        try exec(db, "CREATE TABLE IF NOT EXISTS limit_rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        let insert = try prepare(db, "INSERT INTO limit_rows (body) VALUES (?1)")
        defer { sqlite3_finalize(insert) }
        let body = String(repeating: "x", count: 400)
        var latencies: [Double] = []
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            let began = Date()
            try exec(db, "BEGIN IMMEDIATE")
            sqlite3_bind_text(insert, 1, body, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            guard sqlite3_step(insert) == SQLITE_DONE else { throw failure(db) }
            sqlite3_reset(insert)
            try exec(db, "COMMIT")
            latencies.append(Date().timeIntervalSince(began))
        }
        return Measurement(count: latencies.count, seconds: Date().timeIntervalSince(start), latencies: latencies)
    }

    /// Primary-key reads of random rows of a 10,000-row table, on `connections` threads at once.
    static func reads(path: String, seconds: Double, connections: Int) throws -> Measurement {
        let rows = 10_000
        do {
            let db = try open(path, readOnly: false)
            defer { sqlite3_close_v2(db) }
            try exec(db, "CREATE TABLE IF NOT EXISTS limit_reads (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
            try exec(db, "BEGIN; DELETE FROM limit_reads")
            try exec(
                db,
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(rows)) INSERT INTO limit_reads SELECT i, printf('%.400d', i) FROM n"
            )
            try exec(db, "COMMIT")
        }
        let results = Results()
        let threads = (0..<connections).map { _ in
            Thread {
                var latencies: [Double] = []
                if let db = try? open(path, readOnly: true), let select = try? prepare(db, "SELECT body FROM limit_reads WHERE id = ?1") {
                    let start = Date()
                    while Date().timeIntervalSince(start) < seconds {
                        let began = Date()
                        try? exec(db, "BEGIN")
                        sqlite3_bind_int64(select, 1, Int64.random(in: 1...Int64(rows)))
                        while sqlite3_step(select) == SQLITE_ROW { _ = sqlite3_column_text(select, 0) }
                        sqlite3_reset(select)
                        try? exec(db, "COMMIT")
                        latencies.append(Date().timeIntervalSince(began))
                    }
                    sqlite3_finalize(select)
                    sqlite3_close_v2(db)
                }
                results.add(latencies)
            }
        }
        threads.forEach { $0.start() }
        results.wait(for: connections)
        return Measurement(count: results.latencies.count, seconds: seconds, latencies: results.latencies)
    }

    /// The latencies the reading threads hand in.
    private final class Results: @unchecked Sendable {
        private let condition = NSCondition()
        private(set) var latencies: [Double] = []
        private var done = 0

        func add(_ more: [Double]) {
            condition.lock()
            latencies += more
            done += 1
            condition.broadcast()
            condition.unlock()
        }

        func wait(for count: Int) {
            condition.lock()
            while done < count { condition.wait() }
            condition.unlock()
        }
    }

    /// A connection with Klage's pragmas: WAL, `synchronous = FULL`, a busy timeout, foreign keys.
    private static func open(_ path: String, readOnly: Bool) throws -> OpaquePointer {
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK, let db else { throw LimitError(message: "cannot open \(path)") }
        try exec(db, "PRAGMA busy_timeout = 5000")
        if !readOnly { try exec(db, "PRAGMA journal_mode = WAL") }
        try exec(db, "PRAGMA synchronous = FULL")
        try exec(db, "PRAGMA foreign_keys = ON")
        return db
    }

    private static func exec(_ db: OpaquePointer, _ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw failure(db) }
    }

    private static func prepare(_ db: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw failure(db) }
        return statement
    }

    private static func failure(_ db: OpaquePointer) -> LimitError {
        LimitError(message: String(cString: sqlite3_errmsg(db)))
    }
}

/// A failed SQLite call, with SQLite's message.
struct LimitError: Error {
    let message: String
}
