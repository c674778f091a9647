import Foundation
public import KlageKernel

/// The book of deliveries, for every channel: takes them for attempts, records how the attempts went by
/// the one ``DeliveryPolicy``, and lists and retries them for people.
///
/// Safe in every instance: an attempt is taken by a compare-and-swap on the delivery's attempts, and its
/// outcome is recorded only while the attempts are still the ones it took.
public struct DeliveryLedger: Sendable {
    let store: any DeliveryStore
    /// When deliveries are tried again, and when they are given up.
    public let policy: DeliveryPolicy
    let clock: any KlageClock
    /// Told of each attempt as it is recorded, with the delivery after it (for metrics).
    let attempted: @Sendable (Delivery) -> Void
    /// Told of what failed around the deliveries (a pass, a record), without personal data.
    let failed: @Sendable (String, any Error) -> Void

    public init(
        store: any DeliveryStore, policy: DeliveryPolicy = DeliveryPolicy(), clock: any KlageClock,
        attempted: @escaping @Sendable (Delivery) -> Void = { _ in }, failed: @escaping @Sendable (String, any Error) -> Void = { _, _ in }
    ) {
        self.store = store
        self.policy = policy
        self.clock = clock
        self.attempted = attempted
        self.failed = failed
    }

    /// Takes `due` (of one tenant) for one attempt each, holding each for `lease`, or for the back-off
    /// after the attempt when that is longer. - Returns: those this caller took, their attempts counted.
    func claim(_ due: [DueDelivery], lease: TimeInterval) async throws -> [DueDelivery] {
        guard !due.isEmpty else { return [] }
        let now = clock.now()
        let taken = due.map { item in
            var delivery = item.delivery
            delivery.attempts += 1
            delivery.nextAttemptAt = now.addingTimeInterval(max(lease, policy.retryDelay(after: delivery.attempts)))
            delivery.updatedAt = now
            return DueDelivery(delivery: delivery, event: item.event)
        }
        let claimed = Set(try await store.claimDeliveries(taken.map(\.delivery)).map(\.key))
        return taken.filter { claimed.contains($0.delivery.key) }
    }

    /// Records how attempts at taken deliveries went, in one transaction.
    func record(_ outcomes: [(delivery: Delivery, attempt: DeliveryAttempt)]) async throws {
        let now = clock.now()
        let settled = outcomes.map { policy.settle($0.delivery, with: $0.attempt, at: now) }
        settled.forEach(attempted)
        try await store.recordAttempts(settled)
    }

    /// Records an attempt made outside the dispatcher (attempt 1 of a plug-in hook delivery, right after
    /// its commit). A failure to record is reported: the delivery stays pending, and the dispatcher runs it.
    func record(_ attempt: DeliveryAttempt, of delivery: Delivery) async {
        do {
            try await record([(delivery, attempt)])
        } catch {
            failed("delivery record", error)
        }
    }

    /// A page of the deliveries `query` selects (``DeliveryQuery/limit`` at most), and the cursor to the next.
    public func list(_ query: DeliveryQuery) async throws -> Page<Delivery> {
        guard (1...500).contains(query.limit) else { throw KlageError.validation(field: "limit", reason: "must be between 1 and 500") }
        var probe = query
        probe.limit += 1
        let items = try await store.deliveries(probe)
        guard items.count > query.limit else { return Page(items: items, nextCursor: nil) }
        let kept = Array(items.prefix(query.limit))
        return Page(items: kept, nextCursor: kept.last.map { DeliveryCursor(after: $0).text })
    }

    /// Makes the deliveries `query` selects that are not delivered pending again with a fresh count of
    /// attempts, due now. - Returns: how many.
    public func retry(_ query: DeliveryQuery) async throws -> Int {
        try await store.retryDeliveries(query, at: clock.now())
    }
}
