public import Foundation
public import KlageKernel

/// Where a delivery stands: the one set of states every channel's deliveries share.
public enum DeliveryState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not delivered yet: attempted at ``Delivery/nextAttemptAt``.
    case pending
    /// Delivered: every hook succeeded, or the endpoint answered 2xx.
    case delivered
    /// Every one of ``DeliveryPolicy/maxAttempts`` attempts failed: nothing runs until it is retried by hand.
    case failed
}

/// The durable record that one stored event is owed to one target: the tenant's plug-in hooks (channel
/// `hooks`, written with the event in its transaction) or one webhook (channel `webhook`, written when the
/// feed is fanned out). One row of `deliveries`, advanced by each attempt; at least once.
///
/// `lastError` is a ``KlageKernel/KlageError`` description, an error's type name or an HTTP status, never
/// personal data.
public struct Delivery: Sendable, Hashable, Codable {
    public let tenant: TenantID
    /// The channel that runs it (``DeliveryChannel/name``).
    public let channel: String
    /// What in the channel it goes to: a webhook's id; empty for the plug-in hooks.
    public let target: String
    public let eventId: EventID
    public let eventType: EventType
    /// The event's feed position, for a delivery made from the feed; 0 for one written with its event.
    public let position: Int
    public var state: DeliveryState
    /// The parts that succeeded and never run again for this event: the keys of plug-in hooks
    /// (``KlageKernel/EventHandlerRegistration/key``). Empty for a webhook, which is one part.
    public var done: [String]
    /// How many attempts have been taken since the delivery was made, or since it was last retried by hand.
    public var attempts: Int
    /// When it may be attempted next; while an attempt runs, when its lease ends.
    public var nextAttemptAt: Date
    public var lastError: String?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        tenant: TenantID, channel: String, target: String, eventId: EventID, eventType: EventType, position: Int,
        state: DeliveryState = .pending, done: [String] = [], attempts: Int = 0, nextAttemptAt: Date, lastError: String? = nil,
        createdAt: Date, updatedAt: Date
    ) {
        self.tenant = tenant
        self.channel = channel
        self.target = target
        self.eventId = eventId
        self.eventType = eventType
        self.position = position
        self.state = state
        self.done = done
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The delivery of `event` to the tenant's plug-in hooks, as the store writes it with the event: taken
    /// already for attempt 1, which the request that stored the event runs right after its commit; should
    /// that request die, the dispatcher takes it over `policy.firstAttemptAfter` after the event.
    public static func hooks(of event: DomainEvent, policy: DeliveryPolicy) -> Delivery {
        Delivery(
            tenant: event.tenant, channel: HookChannel.name, target: "", eventId: event.id, eventType: event.type, position: 0, attempts: 1,
            nextAttemptAt: event.at.addingTimeInterval(policy.firstAttemptAfter), createdAt: event.at, updatedAt: event.at)
    }

    /// What identifies it within its tenant.
    var key: String { "\(channel) \(target) \(eventId.rawValue)" }
}

/// A delivery that is due, with the event it delivers.
public struct DueDelivery: Sendable {
    public let delivery: Delivery
    public let event: DomainEvent

    public init(delivery: Delivery, event: DomainEvent) {
        self.delivery = delivery
        self.event = event
    }
}
