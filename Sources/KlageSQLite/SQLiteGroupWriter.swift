import Dispatch
import KlageStorage
import Synchronization

/// The single SQLite writer, committing concurrent writes together (group commit).
///
/// ```
///   write A ─┐                 BEGIN IMMEDIATE
///   write B ─┼─▶ pending ──▶   SAVEPOINT w; A; RELEASE w
///   write C ─┘   (one queue)   SAVEPOINT w; B fails; ROLLBACK TO w   ◀── only B's changes undone
///                              SAVEPOINT w; C; RELEASE w
///                              COMMIT (one fsync) ──▶ A and C acknowledged, B gets its error
/// ```
/// Writes that arrive while a batch commits wait for the next one, so under load one fsync serves
/// many requests, and a request is answered only after the commit that holds it is durable.
///
/// `@unchecked Sendable`: the connection is touched only from `queue`; `pending` is behind a mutex.
final class SQLiteGroupWriter: @unchecked Sendable {
    private let connection: SQLiteConnection
    private let queue: DispatchQueue
    private let pending = Mutex<[PendingWrite]>([])

    init(path: String) throws {
        self.connection = try SQLiteConnection(path: path, readOnly: false)
        self.queue = DispatchQueue(label: "klage.sqlite.writer")
    }

    /// Runs `body` in the next batch, inside its own savepoint; returns once the batch has committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = OutcomeBox<T>()
            let write = PendingWrite(
                execute: { connection in
                    do {
                        try connection.exec("SAVEPOINT klage_write")
                    } catch {
                        outcome.result = .failure(error)
                        return
                    }
                    do {
                        outcome.result = .success(try body(connection))
                        try connection.exec("RELEASE klage_write")
                    } catch {
                        try? connection.exec("ROLLBACK TO klage_write")
                        try? connection.exec("RELEASE klage_write")
                        outcome.result = .failure(error)
                    }
                },
                finish: { commit in
                    // The write's own failure wins; else the batch's; else the write's result.
                    if case .failure(let error)? = outcome.result {
                        continuation.resume(throwing: error)
                    } else if case .failure(let error) = commit {
                        continuation.resume(throwing: error)
                    } else if let result = outcome.result {
                        continuation.resume(with: result)
                    } else {
                        continuation.resume(throwing: StorageError(code: .engine, message: "a write was not run"))
                    }
                }
            )
            let first = pending.withLock { queued -> Bool in
                queued.append(write)
                return queued.count == 1
            }
            if first { queue.async { self.flush() } }
        }
    }

    /// Runs every pending write in one transaction and answers them after the commit.
    private func flush() {
        let batch = pending.withLock { queued -> [PendingWrite] in
            defer { queued.removeAll(keepingCapacity: true) }
            return queued
        }
        guard !batch.isEmpty else { return }
        do {
            try connection.exec("BEGIN IMMEDIATE")
        } catch {
            for request in batch { request.finish(.failure(error)) }
            return
        }
        for request in batch { request.execute(connection) }
        do {
            try connection.exec("COMMIT")
            for request in batch { request.finish(.success(())) }
        } catch {
            try? connection.exec("ROLLBACK")
            for request in batch { request.finish(.failure(error)) }
        }
    }
}

/// One queued write: what to run in the batch, and how to answer once the batch is decided.
private struct PendingWrite: @unchecked Sendable {
    let execute: (SQLiteConnection) -> Void
    let finish: (Result<Void, any Error>) -> Void
}

/// A write's own result, set on the writer queue and read there after the commit.
private final class OutcomeBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
