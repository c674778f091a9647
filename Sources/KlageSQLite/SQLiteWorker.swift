import Dispatch
import KlageStorage

/// Owns one ``SQLiteConnection`` and runs every call on it on one serial dispatch queue, off Swift's
/// cooperative pool (SQLite calls block on disk and locks).
///
/// `@unchecked Sendable`: the connection is touched only from `queue`, which runs one block at a time.
final class SQLiteWorker: @unchecked Sendable {
    /// Nil once closed: a call after ``close()`` fails instead of touching a closed handle.
    private var connection: SQLiteConnection?
    private let queue: DispatchQueue

    init(path: String, readOnly: Bool, label: String) throws {
        self.connection = try SQLiteConnection(path: path, readOnly: readOnly)
        self.queue = DispatchQueue(label: label)
    }

    /// Runs `body` on the connection's queue and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(
                    with: Result {
                        guard let connection = self.connection else { throw StorageError.closed }
                        return try body(connection)
                    })
            }
        }
    }

    /// Closes the connection after the calls queued before this one.
    func close() async {
        await withCheckedContinuation { continuation in
            queue.async {
                self.connection = nil
                continuation.resume()
            }
        }
    }
}
