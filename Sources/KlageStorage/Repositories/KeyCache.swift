import KlageKernel
import Synchronization

/// Keys recently looked up by hash, with their tenants, kept for at most ``lifetime``: most requests
/// then authenticate without a database round trip.
///
/// A key revoked or a tenant changed through this store drops every entry at once; through another
/// instance (or another process on the same database), the change is seen within ``lifetime``. That
/// bound is the revocation promise: a revoked key stops working on every instance within one second.
/// Only keys found are kept (unknown secrets always reach the database), and at most ``capacity`` of
/// them: when full, the cache starts over.
final class KeyCache: Sendable {
    /// How long an entry is trusted.
    static let lifetime: Duration = .milliseconds(500)
    /// The most keys kept.
    static let capacity = 10_000

    private struct Entry {
        let found: (key: APIKey, tenant: Tenant?)
        let expires: ContinuousClock.Instant
    }
    private struct State {
        var entries: [String: Entry] = [:]
        /// Counts ``removeAll()``: a lookup that began before one is not kept.
        var generation = 0
    }
    private let state = Mutex(State())

    /// When a database lookup began, and what the cache had forgotten by then.
    struct Ticket {
        fileprivate let started: ContinuousClock.Instant
        fileprivate let generation: Int
    }

    /// The key with `hash` and its tenant, when looked up less than ``lifetime`` ago.
    func lookup(_ hash: String) -> (key: APIKey, tenant: Tenant?)? {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard let entry = state.entries[hash] else { return nil }
            guard entry.expires > now else {
                state.entries[hash] = nil
                return nil
            }
            return entry.found
        }
    }

    /// Taken before a database lookup, and handed to ``keep(_:for:ticket:)`` after it.
    func ticket() -> Ticket {
        Ticket(started: .now, generation: state.withLock { $0.generation })
    }

    /// Keeps what a lookup of `hash` found, unless a revocation or tenant change came while it ran;
    /// trusted for ``lifetime`` from when the lookup began.
    func keep(_ found: (key: APIKey, tenant: Tenant?), for hash: String, ticket: Ticket) {
        state.withLock { state in
            guard state.generation == ticket.generation else { return }
            if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[hash] = Entry(found: found, expires: ticket.started + Self.lifetime)
        }
    }

    /// Forgets every key: after a revocation or a tenant change.
    func removeAll() {
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.generation += 1
        }
    }
}
