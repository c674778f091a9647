public import Foundation
public import KlageKernel

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
