import Foundation
public import KlageKernel

/// Webhooks: a tenant admin's subscriptions of endpoints to event types, and their deliveries.
///
/// The deliveries themselves are the ``DeliveryEngine``'s, through the ``WebhookChannel``: at least
/// once, with the one ``DeliveryPolicy``'s back-off.
public struct WebhookService: Sendable {
    /// The most webhooks one tenant may have.
    public static let maxWebhooks = 20
    /// The longest target URL.
    public static let maxURLLength = 2_048

    let store: any WebhookStore
    let transport: any WebhookTransport
    /// The book of the webhooks' deliveries, and its clock.
    let ledger: DeliveryLedger

    public init(store: any WebhookStore, transport: any WebhookTransport, ledger: DeliveryLedger) {
        self.store = store
        self.transport = transport
        self.ledger = ledger
    }

    /// Subscribes `url` to `eventTypes` (`["*"]` for all) for the caller's tenant.
    /// - Returns: the webhook, whose secret is shown only now.
    /// - Throws: a validation error for a bad or refused URL, unknown type names, or too many webhooks.
    public func create(url: String, eventTypes: [String], description: String?, tenant: TenantID, by actor: Principal) async throws -> Webhook {
        guard url.utf8.count <= Self.maxURLLength else { throw KlageError.validation(field: "url", reason: "at most 2048 bytes") }
        guard !eventTypes.isEmpty else { throw KlageError.validation(field: "events", reason: "name at least one event type, or \"*\"") }
        if !(eventTypes == ["*"]) { _ = try EventFeedService.eventTypes(eventTypes, field: "events") }
        if let description, description.count > 200 { throw KlageError.validation(field: "description", reason: "at most 200 characters") }
        try await transport.checkTarget(url, tenant: tenant)
        guard try await store.webhooks(tenant: tenant).count < Self.maxWebhooks else {
            throw KlageError.validation(field: "url", reason: "a tenant may have at most \(Self.maxWebhooks) webhooks")
        }
        let now = ledger.clock.now()
        let webhook = Webhook(
            tenant: tenant, id: IDGenerator.uuidV7(at: now), url: url, eventTypes: eventTypes, description: description,
            secret: Self.newSecret(), position: 0, createdAt: now, createdBy: actor.id)
        return try await store.insertWebhook(webhook)
    }

    /// The tenant's webhooks.
    public func list(tenant: TenantID) async throws -> [Webhook] {
        try await store.webhooks(tenant: tenant)
    }

    /// Deletes a webhook and what it is still owed. - Throws: not found.
    public func delete(_ id: String, tenant: TenantID) async throws {
        guard try await store.deleteWebhook(id, tenant: tenant) else { throw KlageError.notFound("webhook") }
    }

    /// Sends a signed `webhook.test` event to the webhook now, outside the delivery engine. - Returns: how it went.
    public func test(_ id: String, tenant: TenantID, by actor: Principal) async throws -> WebhookAttemptOutcome {
        guard let webhook = try await store.webhooks(tenant: tenant).first(where: { $0.id == id }) else { throw KlageError.notFound("webhook") }
        let now = ledger.clock.now()
        let event = DomainEvent(
            id: EventID(IDGenerator.uuidV7(at: now)), tenant: tenant, at: now, type: "webhook.test", actor: actor.id,
            summary: "A test delivery from Klage")
        return await transport.send(FeedEvent(position: 0, event: event), to: webhook)
    }

    /// Deliveries in `state` (failed ones by default), of one webhook or all, a page at a time.
    public func deliveries(
        tenant: TenantID, state: DeliveryState, webhookId: String?, limit: Int, cursor: String?
    ) async throws -> Page<Delivery> {
        try await ledger.list(
            DeliveryQuery(
                channel: WebhookChannel.name, tenant: tenant, target: webhookId, state: state, after: try DeliveryCursor.decode(cursor), limit: limit)
        )
    }

    /// Makes a webhook's failed deliveries (one event's, or all) pending again, due now.
    /// - Returns: how many. - Throws: not found for an unknown webhook.
    public func replay(webhookId: String, eventId: EventID?, tenant: TenantID) async throws -> Int {
        guard try await store.webhooks(tenant: tenant).contains(where: { $0.id == webhookId }) else { throw KlageError.notFound("webhook") }
        return try await ledger.retry(
            DeliveryQuery(channel: WebhookChannel.name, tenant: tenant, target: webhookId, eventId: eventId, state: .failed))
    }

    /// A new signing secret: `whsec_` and base64 of 32 random bytes, as the Standard Webhooks specification has it.
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "whsec_" + Data(bytes).base64EncodedString()
    }
}
