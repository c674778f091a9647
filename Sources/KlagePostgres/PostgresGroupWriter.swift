import KlageStorage

/// Commits the concurrent writes of one tenant together (group commit), as ``KlageSQLite`` does for
/// the whole file.
///
/// ```
///   write A ─┐                 BEGIN; SET LOCAL ROLE …; SET LOCAL klage.tenant = …; SAVEPOINT w
///   write B ─┼─▶ one batch ──▶ A; RELEASE w; SAVEPOINT w
///   write C ─┘   per tenant    B fails; ROLLBACK TO w   ◀── only B's changes undone; w stays
///                              C; RELEASE w
///                              COMMIT (one fsync) ──▶ A and C acknowledged, B gets its error
/// ```
/// Each savepoint is taken in the message that ends the write before it (or opens the transaction),
/// and the statements a write sent without waiting (`SQLConnection.send`) go in the message that ends
/// it: a write costs its own statements and one message more.
/// A tenant's writes serialise anyway on its audit head (every write, and every read's access-log row,
/// extends the tenant's hash chain under a row lock held to the commit); batching them pays that lock,
/// a round trip per transaction and the commit's fsync once per batch instead of once per write.
/// A write alone runs in a batch of one, without a savepoint. When a savepoint cannot be rolled back
/// (the connection broke), the whole batch fails and nothing of it committed. A caller is told
/// "committed" exactly when it did.
final class PostgresGroupWriter: Sendable {
    /// One write waiting for its batch: runs `body` on the connection (when `isolated`, in the savepoint
    /// taken before it, taking the next one unless it is `last`) and keeps its own result; returns
    /// whether the transaction can go on.
    private typealias Write = @Sendable (_ connection: PostgresConnection, _ isolated: Bool, _ last: Bool) -> Bool

    private let pool: PostgresPool
    private let batcher: KeyedBatcher<String, Write, Void>

    init(pool: PostgresPool, maxBatch: Int = 64) {
        self.pool = pool
        self.batcher = KeyedBatcher(maxBatch: maxBatch)
    }

    /// Runs `body` in `tenant`'s next batch; returns once the batch has committed.
    func write<T: Sendable>(tenant: String, _ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let outcome = WriteOutcome<T>()
        let write: Write = { connection, isolated, last in
            guard isolated else {
                do {
                    outcome.result = .success(try body(connection))
                    return true
                } catch {
                    outcome.result = .failure(error)
                    return false
                }
            }
            do {
                outcome.result = .success(try body(connection))
                try connection.exec(last ? "RELEASE klage_write" : "RELEASE klage_write; SAVEPOINT klage_write")
                return true
            } catch {
                outcome.result = .failure(error)
                connection.discardDeferred()
                do {
                    // The savepoint stays, taken for the next write.
                    try connection.exec("ROLLBACK TO klage_write")
                    return true
                } catch {
                    return false
                }
            }
        }
        do {
            try await batcher.submit(write, key: tenant) { writes in try await self.commit(writes, tenant: tenant) }
        } catch {
            // The write's own failure wins over the batch's.
            if case .failure(let own)? = outcome.result { throw own }
            throw error
        }
        guard let result = outcome.result else { throw StorageError(code: .engine, message: "a write was not run") }
        return try result.get()
    }

    /// Runs `writes` in one transaction of `tenant` and commits it.
    private func commit(_ writes: [Write], tenant: String) async throws -> [Result<Void, any Error>] {
        try await pool.withConnection { connection in
            let isolated = writes.count > 1
            try connection.transaction(tenant: tenant, readOnly: false, opening: isolated ? "SAVEPOINT klage_write" : nil) { connection in
                for (index, write) in writes.enumerated() {
                    guard write(connection, isolated, index == writes.count - 1) else {
                        throw StorageError(code: .unavailable, message: "the transaction was lost; no write of its batch was committed")
                    }
                }
            }
        }
        return Array(repeating: .success(()), count: writes.count)
    }
}

/// A write's own result, set on the connection's thread and read after the commit.
private final class WriteOutcome<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
