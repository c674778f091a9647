public import Foundation

/// A tenant's subscription of an HTTPS endpoint to event types: each matching event of the tenant's
/// feed is POSTed to ``url``, signed with ``secret`` (see `Integrations` in the catalog).
public struct Webhook: Sendable, Hashable, Encodable {
    public let tenant: TenantID
    public let id: String
    /// Where deliveries go; checked against loopback and private addresses when it is created and
    /// again before each delivery.
    public let url: String
    /// The event types delivered; `["*"]` for all.
    public let eventTypes: [String]
    /// A note for the admin; no personal data.
    public let description: String?
    /// The signing secret, `whsec_` and base64 of 32 random bytes; shown once, at creation.
    public let secret: String
    /// The feed position up to which events have been turned into deliveries.
    public var position: Int
    public let createdAt: Date
    public let createdBy: String

    public init(
        tenant: TenantID, id: String, url: String, eventTypes: [String], description: String?, secret: String, position: Int,
        createdAt: Date, createdBy: String
    ) {
        self.tenant = tenant
        self.id = id
        self.url = url
        self.eventTypes = eventTypes
        self.description = description
        self.secret = secret
        self.position = position
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    /// Whether events of `type` go to this webhook.
    public func wants(_ type: EventType) -> Bool {
        eventTypes.contains("*") || eventTypes.contains(type.rawValue)
    }

    private enum CodingKeys: String, CodingKey {
        case id, url, eventTypes, description, createdAt, createdBy
    }

    /// Encodes as `webhook.list` shows it: without the secret or the position.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(url, forKey: .url)
        try container.encode(eventTypes, forKey: .eventTypes)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(Timestamp.format(createdAt), forKey: .createdAt)
        try container.encode(createdBy, forKey: .createdBy)
    }
}

/// Where one event's delivery to one webhook stands.
public enum WebhookDeliveryState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not delivered yet; attempted at ``WebhookDelivery/nextAttemptAt``.
    case pending
    /// The endpoint answered 2xx.
    case delivered
    /// Every attempt of ``WebhookPolicy/maxAttempts`` failed; `webhook.replay` makes it pending again.
    case failed
}

/// The durable record that one event is owed to one webhook: written when the event is fanned out,
/// advanced by each attempt. At least once, idempotent by the event's id (the `webhook-id` header).
public struct WebhookDelivery: Sendable, Hashable, Encodable {
    public let tenant: TenantID
    public let webhookId: String
    public let eventId: EventID
    public let eventType: EventType
    /// The event's feed position.
    public let position: Int
    public var state: WebhookDeliveryState
    public var attempts: Int
    public var nextAttemptAt: Date
    /// The last failure: an HTTP status or a transport error's kind, never a body.
    public var lastError: String?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        tenant: TenantID, webhookId: String, eventId: EventID, eventType: EventType, position: Int, state: WebhookDeliveryState = .pending,
        attempts: Int = 0, nextAttemptAt: Date, lastError: String? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.tenant = tenant
        self.webhookId = webhookId
        self.eventId = eventId
        self.eventType = eventType
        self.position = position
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case webhookId, eventId, eventType, position, state, attempts, nextAttemptAt, lastError, createdAt, updatedAt
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(webhookId, forKey: .webhookId)
        try container.encode(eventId, forKey: .eventId)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(position, forKey: .position)
        try container.encode(state, forKey: .state)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(Timestamp.format(nextAttemptAt), forKey: .nextAttemptAt)
        try container.encodeIfPresent(lastError, forKey: .lastError)
        try container.encode(Timestamp.format(createdAt), forKey: .createdAt)
        try container.encode(Timestamp.format(updatedAt), forKey: .updatedAt)
    }
}
