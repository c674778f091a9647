import KlageDelivery
import KlageKernel

/// A new webhook with its secret, shown once.
struct CreatedWebhookView: WireSample {
    let webhook: Webhook

    private enum CodingKeys: String, CodingKey { case secret }

    func encode(to encoder: any Encoder) throws {
        try webhook.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(webhook.secret, forKey: .secret)
    }

    static let sample = CreatedWebhookView(webhook: .sample)
}

/// How a test delivery went.
struct WebhookTestView: WireSample {
    let delivered: Bool
    let status: Int?
    let error: String?

    static let sample = WebhookTestView(delivered: true, status: nil, error: nil)
}

/// `{"replayed": n}`.
struct ReplayedView: WireSample {
    let replayed: Int

    static let sample = ReplayedView(replayed: 0)
}

extension IntegrationMethods {
    /// The `webhook.*` methods, for a tenant's admins.
    static func webhookMethods(_ webhooks: WebhookService) -> [RPCMethod] {
        let url = Field<String>("url", .text(max: 2_048), "https URL of a public host, at most 2048 bytes")
        let events = Field<[String]>("events", .list(.text(max: 100), max: 50), "event types, or [\"*\"] for all")
        let description = Field<String?>("description", .text(max: 200), "at most 200 characters, no personal data")
        let webhook = Field<String>("id", .text(max: 64))
        let webhookId = Field<String?>("webhookId", .text(max: 64))
        let state = Field<DeliveryState?>("state", .choice(of: DeliveryState.self))
        let replayed = Field<String>("webhookId", .text(max: 64))
        let eventId = Field<EventID?>("eventId", .text(max: 64))
        return [
            RPCMethod(
                "webhook.create",
                summary:
                    "Subscribes an https endpoint to event types (or \"*\"); deliveries are signed (Standard Webhooks) with the secret returned once, here.",
                roles: [.admin], params: [url, events, description]
            ) { input, context in
                CreatedWebhookView(
                    webhook: try await webhooks.create(
                        url: input[url], eventTypes: input[events], description: input[description], tenant: context.tenant.id, by: context.actor))
            },
            RPCMethod("webhook.list", summary: "The tenant's webhooks, oldest first, without their secrets.", roles: [.admin]) { _, context in
                ItemsView(items: try await webhooks.list(tenant: context.tenant.id))
            },
            RPCMethod(
                "webhook.delete", summary: "Removes a webhook; its pending and failed deliveries go with it.", roles: [.admin], params: [webhook]
            ) { input, context in
                try await webhooks.delete(input[webhook], tenant: context.tenant.id)
                return DeletedView(deleted: true)
            },
            RPCMethod(
                "webhook.test", summary: "Sends a signed event of type webhook.test to the webhook now and says how the endpoint answered.",
                roles: [.admin], params: [webhook]
            ) { input, context in
                switch try await webhooks.test(input[webhook], tenant: context.tenant.id, by: context.actor) {
                case .delivered(let status): WebhookTestView(delivered: true, status: status, error: nil)
                case .failed(let reason): WebhookTestView(delivered: false, status: nil, error: reason)
                }
            },
            RPCMethod(
                "webhook.deliveries",
                summary: "Webhook deliveries in a state (failed by default: every retry over at least 24 hours failed), by feed position.",
                roles: [.admin], params: [webhookId, state, CoreParams.limit, CoreParams.cursor]
            ) { input, context in
                PageView<WebhookDeliveryView>(
                    try await webhooks.deliveries(
                        tenant: context.tenant.id, state: input[state] ?? .failed, webhookId: input[webhookId], limit: input[CoreParams.limit] ?? 50,
                        cursor: input[CoreParams.cursor]))
            },
            RPCMethod(
                "webhook.replay",
                summary: "Makes a webhook's failed deliveries (one event's, or all) pending again with a fresh count of attempts.",
                roles: [.admin], params: [replayed, eventId]
            ) { input, context in
                ReplayedView(replayed: try await webhooks.replay(webhookId: input[replayed], eventId: input[eventId], tenant: context.tenant.id))
            },
        ]
    }
}
