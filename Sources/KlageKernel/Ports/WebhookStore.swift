public import Foundation

/// Stores webhooks and their deliveries: the durable outbox of events owed to each endpoint.
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
    /// Turns the tenant's events after each webhook's position into pending deliveries (at most
    /// `limit` events per webhook per call) and moves the positions. Safe to run in several instances.
    /// - Returns: how many deliveries were made.
    func fanOutWebhooks(tenant: TenantID, at now: Date, limit: Int) async throws -> Int
    /// Pending deliveries due at `now`, lowest position first, each with its webhook and event.
    func dueWebhookDeliveries(tenant: TenantID, at now: Date, limit: Int) async throws -> [DueWebhookDelivery]
    /// Takes pending deliveries of one tenant for one attempt each, in one transaction: each whose
    /// attempts are still `delivery.attempts` gets the attempt counted and its next attempt moved to
    /// `retryAt` (the lease). - Returns: those this caller took (another instance may have taken the rest).
    func claimWebhookDeliveries(_ deliveries: [WebhookDelivery], retryAt: Date, at now: Date) async throws -> [WebhookDelivery]
    /// Records the outcomes of attempts (each delivery with its attempts counted), in one transaction.
    func recordWebhookAttempts(_ deliveries: [WebhookDelivery]) async throws
    /// Deliveries in `state`, of one webhook or all, by position, after a cursor.
    func webhookDeliveries(
        tenant: TenantID, state: WebhookDeliveryState, webhookId: String?, after: (position: Int, webhookId: String)?, limit: Int
    ) async throws -> [WebhookDelivery]
    /// Makes failed deliveries of a webhook (one event's, or all) pending again with no attempts.
    /// - Returns: how many.
    func replayWebhookDeliveries(tenant: TenantID, webhookId: String, eventId: EventID?, at now: Date) async throws -> Int
}

/// A delivery that is due, with what it needs to be sent.
public struct DueWebhookDelivery: Sendable {
    public let delivery: WebhookDelivery
    public let webhook: Webhook
    public let event: FeedEvent

    public init(delivery: WebhookDelivery, webhook: Webhook, event: FeedEvent) {
        self.delivery = delivery
        self.webhook = webhook
        self.event = event
    }
}
