import KlageDelivery
import KlageKernel

/// A delivery as the methods show it: what every delivery has, and what its channel adds, in the words
/// the channel's methods have always used. A plug-in hook delivery (`outbox.*`) names its `tenant` and
/// `doneHooks`, and its state `pending`, `done` or `dead` (``OutboxState``); a webhook delivery
/// (`webhook.*`) names its `webhookId` and feed `position`, and its state `pending`, `delivered` or
/// `failed`. `lastError` never holds personal data.
public struct DeliveryView: Encodable, Sendable {
    let delivery: Delivery

    private enum CodingKeys: String, CodingKey {
        case tenant, webhookId, eventId, eventType, position, state, doneHooks, attempts, nextAttemptAt, lastError, createdAt, updatedAt
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if delivery.channel == HookChannel.name {
            try container.encode(delivery.tenant, forKey: .tenant)
            try container.encode(OutboxState.allCases.first { $0.deliveryState == delivery.state }, forKey: .state)
            try container.encode(delivery.done, forKey: .doneHooks)
        } else {
            try container.encode(delivery.target, forKey: .webhookId)
            try container.encode(delivery.position, forKey: .position)
            try container.encode(delivery.state, forKey: .state)
        }
        try container.encode(delivery.eventId, forKey: .eventId)
        try container.encode(delivery.eventType, forKey: .eventType)
        try container.encode(delivery.attempts, forKey: .attempts)
        try container.encode(Timestamp.format(delivery.nextAttemptAt), forKey: .nextAttemptAt)
        try container.encodeIfPresent(delivery.lastError, forKey: .lastError)
        try container.encode(Timestamp.format(delivery.createdAt), forKey: .createdAt)
        try container.encode(Timestamp.format(delivery.updatedAt), forKey: .updatedAt)
    }
}

extension PageView<DeliveryView> {
    /// A page of deliveries, each as ``DeliveryView`` shows it.
    init(_ page: Page<Delivery>) {
        self.init(items: page.items.map(DeliveryView.init), nextCursor: page.nextCursor)
    }
}
