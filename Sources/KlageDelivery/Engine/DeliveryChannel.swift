public import Foundation
public import KlageKernel

/// Where one kind of delivery goes, plugged into the ``DeliveryEngine``: the tenant's plug-in hooks, run
/// in-process (``HookChannel``), or webhooks over HTTP (``WebhookChannel``).
///
/// The engine owns what every channel shares: the table, taking a delivery by a compare-and-swap on its
/// attempts, the retry policy, and the per-tenant share; a channel only says which tenants may have work,
/// makes new deliveries if it fans events out, and runs attempts.
public protocol DeliveryChannel: Sendable {
    /// The channel's name, stored with each of its deliveries.
    var name: String { get }
    /// The shortest time an attempt holds its delivery before another instance may take it again: longer
    /// than an attempt may last. (The back-off after the attempt, when longer, holds it instead.)
    var lease: TimeInterval { get }
    /// The tenants that may have work at `now`: due deliveries, or events still to fan out.
    func tenantsToDispatch(at now: Date) async throws -> [TenantID]
    /// Before a pass for `tenant`: turns its new events into deliveries. Nothing for a channel whose
    /// deliveries are written with their events.
    func prepare(tenant: TenantID, at now: Date) async throws
    /// One attempt at each of `due` (one tenant's, each taken by this caller and its attempt counted).
    /// - Returns: how each went, in the order of `due`.
    func attempt(_ due: [DueDelivery], tenant: TenantID) async -> [DeliveryAttempt]
}
