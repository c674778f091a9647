import Synchronization

/// Runs the work that arrives together for one key (a tenant) as one batch, with no task spawned:
/// the first caller leads, writing its own item with every item that is waiting; meanwhile newcomers
/// queue, and the leader hands the lead to the first of them when its batch is done.
///
/// ```
///   item A ─▶ leads: batch [A]                         ─▶ A answered
///   item B ─┐  waits while A's batch runs
///   item C ─┴▶ B leads the next: batch [B, C]          ─▶ B, C answered
/// ```
/// Under load a batch holds everything that came during the one before, so a per-batch cost (a lock,
/// a commit's fsync) is paid once for many items; alone, an item runs at once in a batch of one. Keys
/// are independent: two tenants' batches run side by side.
public final class KeyedBatcher<Key: Hashable & Sendable, Item: Sendable, Outcome: Sendable>: Sendable {
    /// Runs one batch: the items in arrival order, the first being the leader's; returns one outcome
    /// per item, in order (a thrown error fails them all).
    public typealias Run = @Sendable ([Item]) async throws -> [Result<Outcome, any Error>]

    /// How a waiting item is woken: with its outcome, or to lead the next batch.
    private enum Wake: Sendable {
        case done(Result<Outcome, any Error>)
        case lead
    }

    private struct Waiting: Sendable {
        let item: Item
        let continuation: CheckedContinuation<Wake, Never>
    }

    private struct Queue {
        var busy = false
        var waiting: [Waiting] = []
    }

    /// The most items one batch holds.
    public let maxBatch: Int
    private let queues = Mutex<[Key: Queue]>([:])

    public init(maxBatch: Int) { self.maxBatch = max(1, maxBatch) }

    /// The outcome of `item`, run in the key's next batch by `run`.
    public func submit(_ item: Item, key: Key, run: @escaping Run) async throws -> Outcome {
        // Either join the batch being run, or take the lead when none is: in one look, so that a key
        // has one leader at a time (it stays busy from one leader to the next it wakes).
        let wake = await withCheckedContinuation { continuation in
            let leads = queues.withLock { queues -> Bool in
                if queues[key, default: Queue()].busy {
                    queues[key, default: Queue()].waiting.append(Waiting(item: item, continuation: continuation))
                    return false
                }
                queues[key, default: Queue()].busy = true
                return true
            }
            if leads { continuation.resume(returning: .lead) }
        }
        switch wake {
        case .done(let result): return try result.get()
        case .lead: return try await lead(with: item, key: key, run: run)
        }
    }

    /// Runs `own` with the items waiting now, answers them, then hands the lead on (or ends the run).
    private func lead(with own: Item, key: Key, run: @escaping Run) async throws -> Outcome {
        let others = queues.withLock { queues -> [Waiting] in
            let taken = Array(queues[key, default: Queue()].waiting.prefix(maxBatch - 1))
            queues[key, default: Queue()].waiting.removeFirst(taken.count)
            return taken
        }
        let count = others.count + 1
        let outcomes: [Result<Outcome, any Error>]
        do {
            let answered = try await run([own] + others.map(\.item))
            outcomes =
                answered.count == count
                ? answered
                : Array(repeating: .failure(StorageError(code: .engine, message: "a batch answered the wrong number of items")), count: count)
        } catch {
            outcomes = Array(repeating: .failure(error), count: count)
        }
        for (waiting, outcome) in zip(others, outcomes.dropFirst()) { waiting.continuation.resume(returning: .done(outcome)) }
        let next = queues.withLock { queues -> Waiting? in
            guard let waiting = queues[key]?.waiting, !waiting.isEmpty else {
                queues[key] = nil
                return nil
            }
            return queues[key, default: Queue()].waiting.removeFirst()
        }
        next?.continuation.resume(returning: .lead)
        return try outcomes[0].get()
    }
}
