public import KlageDelivery
public import KlageKernel

/// The schema of a webhook as `webhook.list` shows it (no secret).
let webhookSchema = RPCSchema.object(
    [
        "id": .string, "url": .string, "eventTypes": .array(.string), "description": .string, "createdAt": .dateTime, "createdBy": .string,
    ], required: ["id", "url", "eventTypes", "createdAt", "createdBy"])

/// The schema of one webhook delivery.
let webhookDeliverySchema = RPCSchema.object(
    [
        "webhookId": .string, "eventId": .string, "eventType": .string, "position": .integer(minimum: 0),
        "state": .oneOf(DeliveryState.allCases.map(\.rawValue)), "attempts": .integer(minimum: 0), "nextAttemptAt": .dateTime,
        "lastError": .string, "createdAt": .dateTime, "updatedAt": .dateTime,
    ], required: ["webhookId", "eventId", "eventType", "position", "state", "attempts", "nextAttemptAt", "createdAt", "updatedAt"])

/// A new webhook with its secret, shown once.
public struct CreatedWebhookView: Encodable, Sendable {
    let webhook: Webhook

    private enum CodingKeys: String, CodingKey { case id, url, eventTypes, description, secret, createdAt, createdBy }

    public func encode(to encoder: any Encoder) throws {
        try webhook.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(webhook.secret, forKey: .secret)
    }
}

/// How a test delivery went.
public struct WebhookTestView: Encodable, Sendable {
    let delivered: Bool
    let status: Int?
    let error: String?
}

/// `webhook.create`: subscribes an endpoint to event types.
public enum WebhookCreate: TenantMethod {
    public struct Params: Decodable, Sendable {
        let url: String
        let events: [String]
        let description: String?
    }
    public typealias Result = CreatedWebhookView
    public static let name = "webhook.create"
    public static let summary =
        "Subscribes an https endpoint to event types (or \"*\"); deliveries are signed (Standard Webhooks) with the secret returned once, here."
    public static let roles: Set<Role> = [.admin]
    public static let params = [
        RPCParam("url", .string, required: true, "https URL of a public host, at most 2048 bytes"),
        RPCParam("events", .array(.string), required: true, "event types, or [\"*\"] for all"),
        RPCParam("description", .string, "at most 200 characters, no personal data"),
    ]
    public static let result = RPCSchema.object(
        [
            "id": .string, "url": .string, "eventTypes": .array(.string), "description": .string, "secret": .string, "createdAt": .dateTime,
            "createdBy": .string,
        ], required: ["id", "url", "eventTypes", "secret", "createdAt", "createdBy"])
}

/// `webhook.list`: the tenant's webhooks, without their secrets.
public enum WebhookList: TenantMethod {
    public typealias Params = NoParams
    public typealias Result = ItemsView<Webhook>
    public static let name = "webhook.list"
    public static let summary = "The tenant's webhooks, oldest first, without their secrets."
    public static let roles: Set<Role> = [.admin]
    public static let params: [RPCParam] = []
    public static let result = RPCSchema.object(["items": .array(webhookSchema)], required: ["items"])
}

/// `webhook.delete`: removes a webhook and what it is still owed.
public enum WebhookDelete: TenantMethod {
    public struct Params: Decodable, Sendable { let id: String }
    public typealias Result = DeletedView
    public static let name = "webhook.delete"
    public static let summary = "Removes a webhook; its pending and failed deliveries go with it."
    public static let roles: Set<Role> = [.admin]
    public static let params = [RPCParam("id", .string, required: true)]
    public static let result = RPCSchema.object(["deleted": .boolean], required: ["deleted"])
}

/// `{"deleted": true}`.
public struct DeletedView: Encodable, Sendable {
    let deleted: Bool
}

/// `webhook.test`: sends a signed `webhook.test` event now.
public enum WebhookTest: TenantMethod {
    public struct Params: Decodable, Sendable { let id: String }
    public typealias Result = WebhookTestView
    public static let name = "webhook.test"
    public static let summary = "Sends a signed event of type webhook.test to the webhook now and says how the endpoint answered."
    public static let roles: Set<Role> = [.admin]
    public static let params = [RPCParam("id", .string, required: true)]
    public static let result = RPCSchema.object(
        ["delivered": .boolean, "status": .integer(), "error": .string], required: ["delivered"])
}

/// `webhook.deliveries`: deliveries in a state (failed by default), by position.
public enum WebhookDeliveries: TenantMethod {
    public struct Params: Decodable, Sendable {
        let webhookId: String?
        let state: DeliveryState?
        let limit: Int?
        let cursor: String?
    }
    public typealias Result = PageView<DeliveryView>
    public static let name = "webhook.deliveries"
    public static let summary =
        "Webhook deliveries in a state (failed by default: every retry over at least 24 hours failed), by feed position."
    public static let roles: Set<Role> = [.admin]
    public static let params = [
        RPCParam("webhookId", .string), RPCParam("state", .oneOf(DeliveryState.allCases.map(\.rawValue))),
        RPCParam("limit", .integer(minimum: 1, maximum: 500)), RPCParam("cursor", .string),
    ]
    public static let result = RPCSchema.object(
        ["items": .array(webhookDeliverySchema), "nextCursor": .nullable(.string)], required: ["items", "nextCursor"])
}

/// `webhook.replay`: makes failed deliveries pending again.
public enum WebhookReplay: TenantMethod {
    public struct Params: Decodable, Sendable {
        let webhookId: String
        let eventId: EventID?
    }
    public typealias Result = ReplayedView
    public static let name = "webhook.replay"
    public static let summary = "Makes a webhook's failed deliveries (one event's, or all) pending again with a fresh count of attempts."
    public static let roles: Set<Role> = [.admin]
    public static let params = [RPCParam("webhookId", .string, required: true), RPCParam("eventId", .string)]
    public static let result = RPCSchema.object(["replayed": .integer(minimum: 0)], required: ["replayed"])
}

/// `{"replayed": n}`.
public struct ReplayedView: Encodable, Sendable {
    let replayed: Int
}

extension IntegrationMethods {
    static func registerWebhookMethods(into builder: inout RPCMethodRegistry.Builder, webhooks: WebhookService) {
        builder.register(WebhookCreate.self) { params, context in
            CreatedWebhookView(
                webhook: try await webhooks.create(
                    url: params.url, eventTypes: params.events, description: params.description, tenant: context.tenant.id, by: context.actor))
        }
        builder.register(WebhookList.self) { _, context in
            ItemsView(items: try await webhooks.list(tenant: context.tenant.id))
        }
        builder.register(WebhookDelete.self) { params, context in
            try await webhooks.delete(params.id, tenant: context.tenant.id)
            return DeletedView(deleted: true)
        }
        builder.register(WebhookTest.self) { params, context in
            switch try await webhooks.test(params.id, tenant: context.tenant.id, by: context.actor) {
            case .delivered(let status): WebhookTestView(delivered: true, status: status, error: nil)
            case .failed(let reason): WebhookTestView(delivered: false, status: nil, error: reason)
            }
        }
        builder.register(WebhookDeliveries.self) { params, context in
            PageView(
                try await webhooks.deliveries(
                    tenant: context.tenant.id, state: params.state ?? .failed, webhookId: params.webhookId, limit: params.limit ?? 50,
                    cursor: params.cursor))
        }
        builder.register(WebhookReplay.self) { params, context in
            ReplayedView(replayed: try await webhooks.replay(webhookId: params.webhookId, eventId: params.eventId, tenant: context.tenant.id))
        }
    }
}
