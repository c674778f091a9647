public import Foundation

/// Stores the outbox: which stored events still owe their plug-in hooks a run.
///
/// Rows are written with their event, in its transaction, by the store itself (for the event types
/// the host's plug-ins hook); this port reads and advances them.
public protocol OutboxStore: Sendable {
    /// The pending deliveries of `tenant` due at `now`, earliest first, at most `limit`, each with its event.
    func dueDeliveries(tenant: TenantID, at now: Date, limit: Int) async throws -> [(delivery: OutboxDelivery, event: DomainEvent)]
    /// The delivery of one event and the event, or `nil`.
    func delivery(of event: EventID, tenant: TenantID) async throws -> (delivery: OutboxDelivery, event: DomainEvent)?
    /// Takes a pending delivery for one attempt: counts the attempt and moves its next attempt to
    /// `retryAt` (the lease), if its attempts are still `delivery.attempts`.
    /// - Returns: whether this caller took it (another instance may have first).
    func claimDelivery(_ delivery: OutboxDelivery, retryAt: Date, at now: Date) async throws -> Bool
    /// Records how an attempt went: adds `succeeded` to the done hooks, and sets the state, the
    /// attempts, the next attempt and the last error. Only a pending delivery changes.
    func recordAttempt(
        of event: EventID, tenant: TenantID, succeeded: [String], state: OutboxState, attempts: Int, nextAttemptAt: Date,
        error: String?, at now: Date) async throws
    /// Deliveries in `state`, of one tenant or all, oldest event first, after the cursor's event id.
    func deliveries(state: OutboxState, tenant: TenantID?, limit: Int, after: String?) async throws -> [OutboxDelivery]
    /// Makes a dead (or pending) delivery pending again with no attempts, due at `now`.
    /// - Returns: whether there was one to retry.
    func retryDelivery(of event: EventID, tenant: TenantID, at now: Date) async throws -> Bool
}
