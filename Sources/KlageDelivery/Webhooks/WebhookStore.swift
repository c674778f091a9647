public import Foundation
public import KlageKernel

/// Stores webhooks, and turns the tenant's feed into their deliveries (in the one table of ``DeliveryStore``).
public protocol WebhookStore: Sendable {
    /// Stores a new webhook; its position is set to the tenant's feed head, so it gets the events
    /// committed after it. - Returns: the stored webhook.
    func insertWebhook(_ webhook: Webhook) async throws -> Webhook
    /// The tenant's webhooks, oldest first.
    func webhooks(tenant: TenantID) async throws -> [Webhook]
    /// Deletes a webhook and its deliveries. - Returns: whether there was one.
    func deleteWebhook(_ id: String, tenant: TenantID) async throws -> Bool
    /// The tenants that have at least one webhook.
    func tenantsWithWebhooks() async throws -> [TenantID]
    /// Turns the tenant's events after each webhook's position into pending deliveries of channel
    /// `webhook` (at most `limit` events per webhook per call) and moves the positions. Safe to run in
    /// several instances. - Returns: how many deliveries were made.
    func fanOutWebhooks(tenant: TenantID, at now: Date, limit: Int) async throws -> Int
}
