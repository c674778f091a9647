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
/// Some errors roll back the whole transaction, not just the savepoint (an I/O error, a full disk, out of
/// memory). After each write the writer checks that the outer transaction is still open; when it is
/// not, or a `ROLLBACK TO` fails, the writes run in it so far are failed (none of them committed) and
/// the rest of the batch runs in a new transaction. A caller is told "committed" exactly when it did.
/// Writes that arrive while a batch commits wait for the next one, so under load one fsync serves
/// many requests, and a request is answered only after the commit that holds it is durable.
///
/// `@unchecked Sendable`: the connection is touched only from `queue`; `pending` is behind a mutex.
final class SQLiteGroupWriter: @unchecked Sendable {
    /// Nil once closed: writes after ``close()`` fail instead of touching a closed handle.
    private var connection: SQLiteConnection?
    private let queue: DispatchQueue
    private let pending = Mutex<[PendingWrite]>([])
    /// Transactions committed and the writes they held; changed on `queue` only.
    private let commits = Atomic<Int>(0)
    private let committedWrites = Atomic<Int>(0)

    init(path: String) throws {
        self.connection = try SQLiteConnection(path: path, readOnly: false)
        self.queue = DispatchQueue(label: "klage.sqlite.writer")
    }

    /// Runs `body` in the next batch, inside its own savepoint; returns once the batch has committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = OutcomeBox<T>()
            let write = PendingWrite(
                execute: { connection -> Bool in
                    do {
                        try connection.exec("SAVEPOINT klage_write")
                    } catch {
                        outcome.result = .failure(error)
                        return !connection.isAutocommit
                    }
                    do {
                        outcome.result = .success(try body(connection))
                        try connection.exec("RELEASE klage_write")
                    } catch {
                        outcome.result = .failure(error)
                        if connection.isAutocommit { return false }
                        do {
                            try connection.exec("ROLLBACK TO klage_write")
                            try connection.exec("RELEASE klage_write")
                        } catch {
                            return false
                        }
                    }
                    return !connection.isAutocommit
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

    /// Commits and writes so far, and writes waiting now (for metrics).
    var stats: SQLiteWriterStats {
        SQLiteWriterStats(
            commits: commits.load(ordering: .relaxed), writes: committedWrites.load(ordering: .relaxed),
            queued: pending.withLock { $0.count })
    }

    /// Closes the connection after the writes queued before this call.
    func close() async {
        await withCheckedContinuation { continuation in
            queue.async {
                self.flush()
                self.connection = nil
                continuation.resume()
            }
        }
    }

    /// Runs every pending write in one transaction and answers them after the commit; when the transaction
    /// is lost midway, fails the writes it held and runs the rest in a new one.
    private func flush() {
        var remaining = pending.withLock { queued -> ArraySlice<PendingWrite> in
            defer { queued.removeAll(keepingCapacity: true) }
            return queued[...]
        }
        guard let connection else {
            for request in remaining { request.finish(.failure(StorageError.closed)) }
            return
        }
        while !remaining.isEmpty {
            do {
                try connection.exec("BEGIN IMMEDIATE")
            } catch {
                for request in remaining { request.finish(.failure(error)) }
                return
            }
            var held: [PendingWrite] = []
            var lost = false
            while !lost, let request = remaining.popFirst() {
                lost = !request.execute(connection)
                held.append(request)
            }
            if lost {
                if !connection.isAutocommit { try? connection.exec("ROLLBACK") }
                let error = StorageError(code: .unavailable, message: "the database rolled the transaction back; the write was not committed")
                for request in held { request.finish(.failure(error)) }
                continue
            }
            do {
                try connection.exec("COMMIT")
                commits.add(1, ordering: .relaxed)
                committedWrites.add(held.count, ordering: .relaxed)
                for request in held { request.finish(.success(())) }
            } catch {
                if !connection.isAutocommit { try? connection.exec("ROLLBACK") }
                for request in held { request.finish(.failure(error)) }
            }
        }
    }
}

/// One queued write: what to run in the batch, and how to answer once the batch is decided.
private struct PendingWrite: @unchecked Sendable {
    /// Runs the write in its savepoint; returns whether the outer transaction is still open.
    let execute: (SQLiteConnection) -> Bool
    let finish: (Result<Void, any Error>) -> Void
}

/// A write's own result, set on the writer queue and read there after the commit.
private final class OutcomeBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
