import KlageKernel
import Synchronization

/// Writes the complaint reads of one tenant that arrive together in one transaction: each read and
/// its access-log row, as before, but one lock of the tenant's audit head and one commit for all.
///
/// ```
///   get A ─▶ leads: one transaction { read A; log A; chain A }          ─▶ A answered
///   get B ─┐  waits while A's batch commits
///   get C ─┴▶ B leads the next: one transaction { read B, C; log B, C; chain B, C } ─▶ B, C answered
/// ```
/// Every read is still logged, chained and durable before its complaint is shown; what changes is that
/// under load the tenant's audit head (which serialises its writers) is taken once per batch, not once
/// per read. No task is spawned: the first read to arrive writes its batch, then hands the lead to the
/// first read that came meanwhile.
final class ReadBatcher: Sendable {
    /// One complaint read waiting for its batch.
    struct Read: Sendable {
        let id: ComplaintID
        let access: AccessRecord
        let includingRestricted: Bool
    }

    /// How a waiting read is woken: with its outcome, or to write the next batch.
    private enum Wake: Sendable {
        case done(Result<Complaint?, any Error>)
        case lead
    }

    private struct Waiting: Sendable {
        let read: Read
        let continuation: CheckedContinuation<Wake, Never>
    }

    private struct Queue {
        var busy = false
        var waiting: [Waiting] = []
    }

    /// The most reads one transaction holds.
    static let maxBatch = 256

    private let queues = Mutex<[TenantID: Queue]>([:])

    /// The complaint of `read`, its read logged; written with the tenant's other reads of the moment.
    ///
    /// - Parameter write: writes a batch in one transaction and returns each read's complaint, in order.
    func complaint(
        _ read: Read, tenant: TenantID, write: @escaping @Sendable ([Read]) async throws -> [Result<Complaint?, any Error>]
    ) async throws -> Complaint? {
        // Either join the batch being written, or take the lead when none is: in one look, so that a
        // tenant has one leader at a time (it stays busy from one leader to the next it wakes).
        let wake = await withCheckedContinuation { continuation in
            let leads = queues.withLock { queues -> Bool in
                if queues[tenant, default: Queue()].busy {
                    queues[tenant, default: Queue()].waiting.append(Waiting(read: read, continuation: continuation))
                    return false
                }
                queues[tenant, default: Queue()].busy = true
                return true
            }
            if leads { continuation.resume(returning: .lead) }
        }
        switch wake {
        case .done(let result): return try result.get()
        case .lead: return try await lead(with: read, tenant: tenant, write: write)
        }
    }

    /// Writes `own` with the reads waiting now, answers them, then hands the lead on (or ends the run).
    private func lead(
        with own: Read, tenant: TenantID, write: @escaping @Sendable ([Read]) async throws -> [Result<Complaint?, any Error>]
    ) async throws -> Complaint? {
        let others = queues.withLock { queues -> [Waiting] in
            let taken = Array(queues[tenant, default: Queue()].waiting.prefix(Self.maxBatch - 1))
            queues[tenant, default: Queue()].waiting.removeFirst(taken.count)
            return taken
        }
        let outcomes: [Result<Complaint?, any Error>]
        do {
            outcomes = try await write([own] + others.map(\.read))
        } catch {
            outcomes = Array(repeating: .failure(error), count: others.count + 1)
        }
        for (waiting, outcome) in zip(others, outcomes.dropFirst()) { waiting.continuation.resume(returning: .done(outcome)) }
        let next = queues.withLock { queues -> Waiting? in
            guard let waiting = queues[tenant]?.waiting, !waiting.isEmpty else {
                queues[tenant] = nil
                return nil
            }
            return queues[tenant, default: Queue()].waiting.removeFirst()
        }
        next?.continuation.resume(returning: .lead)
        return try outcomes[0].get()
    }
}
