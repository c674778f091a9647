import Dispatch
import KlageStorage

/// Owns one ``SQLiteConnection`` and runs every call on it on one serial dispatch queue, off Swift's
/// cooperative pool (SQLite calls block on disk and locks).
///
/// `@unchecked Sendable`: the connection is touched only from `queue`, which runs one block at a time.
final class SQLiteWorker: @unchecked Sendable {
    private let connection: SQLiteConnection
    private let queue: DispatchQueue

    init(path: String, readOnly: Bool, label: String) throws {
        self.connection = try SQLiteConnection(path: path, readOnly: readOnly)
        self.queue = DispatchQueue(label: label)
    }

    /// Runs `body` on the connection's queue and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body(self.connection) })
            }
        }
    }
}
