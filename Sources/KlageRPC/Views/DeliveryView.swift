import Foundation
import KlageDelivery
import KlageKernel

/// A plug-in hook delivery as `outbox.list` and `outbox.retry` show it: its `tenant`, the hooks done
/// (`doneHooks`), and its state `pending`, `done` or `dead` (``OutboxState``), the words the outbox has
/// always used. `lastError` never holds personal data.
struct HookDeliveryView: DeliveryView {
    let delivery: Delivery

    func encodeChannelFields(into container: inout KeyedEncodingContainer<DeliveryViewKeys>) throws {
        try container.encode(delivery.tenant, forKey: .tenant)
        try container.encode(OutboxState.allCases.first { $0.deliveryState == delivery.state }, forKey: .state)
        try container.encode(delivery.done, forKey: .doneHooks)
    }

    static let sample = HookDeliveryView(delivery: .sample(channel: HookChannel.name))
}

/// A webhook delivery as `webhook.deliveries` shows it: its `webhookId`, the event's feed `position`,
/// and its state `pending`, `delivered` or `failed`. `lastError` never holds personal data.
struct WebhookDeliveryView: DeliveryView {
    let delivery: Delivery

    func encodeChannelFields(into container: inout KeyedEncodingContainer<DeliveryViewKeys>) throws {
        try container.encode(delivery.target, forKey: .webhookId)
        try container.encode(delivery.position, forKey: .position)
        try container.encode(delivery.state, forKey: .state)
    }

    static let sample = WebhookDeliveryView(delivery: .sample(channel: WebhookChannel.name))
}

/// The keys of both channels' deliveries.
enum DeliveryViewKeys: String, CodingKey {
    case tenant, webhookId, eventId, eventType, position, state, doneHooks, attempts, nextAttemptAt, lastError, createdAt, updatedAt
}

/// A delivery of one channel: what the channel names first, then what every delivery has.
protocol DeliveryView: WireSample {
    var delivery: Delivery { get }
    init(delivery: Delivery)
    /// Writes what this channel's deliveries name in their own words.
    func encodeChannelFields(into container: inout KeyedEncodingContainer<DeliveryViewKeys>) throws
}

extension DeliveryView {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DeliveryViewKeys.self)
        try encodeChannelFields(into: &container)
        try container.encode(delivery.eventId, forKey: .eventId)
        try container.encode(delivery.eventType, forKey: .eventType)
        try container.encode(delivery.attempts, forKey: .attempts)
        try container.encode(Timestamp.format(delivery.nextAttemptAt), forKey: .nextAttemptAt)
        try container.encodeIfPresent(delivery.lastError, forKey: .lastError)
        try container.encode(Timestamp.format(delivery.createdAt), forKey: .createdAt)
        try container.encode(Timestamp.format(delivery.updatedAt), forKey: .updatedAt)
    }
}

extension PageView where Item: DeliveryView {
    /// A page of deliveries, each as its channel's view shows it.
    init(_ page: Page<Delivery>) {
        self.init(items: page.items.map(Item.init(delivery:)), nextCursor: page.nextCursor)
    }
}

extension Delivery {
    /// A delivery of `channel` holding every part of the shape, for the schema.
    fileprivate static func sample(channel: String) -> Delivery {
        Delivery(
            tenant: "", channel: channel, target: "", eventId: "", eventType: .complaintReceived, position: 0, done: [""],
            nextAttemptAt: .distantPast, createdAt: .distantPast, updatedAt: .distantPast)
    }
}
