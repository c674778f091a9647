import Foundation
public import KlageKernel

/// One event of a tenant's feed, as `event.list`, webhooks and `/rpc/ws` send it: a stored
/// ``DomainEvent`` with its ``position``.
///
/// The position is the event's number in the tenant's audit chain. A tenant's chain is appended under
/// a lock on its head that is held until the transaction commits, so positions become visible in the
/// order they were given: a reader that has seen position `n` has seen every position below it, and a
/// cursor that remembers `n` never skips an event that commits later. Positions are per tenant and
/// increase, but may jump (reads of personal data take numbers in the same chain).
public struct FeedEvent: Sendable, Hashable, Encodable {
    /// The event's place in the tenant's feed: pass the last one seen as `after`.
    public let position: Int
    /// The event.
    public let event: DomainEvent

    public init(position: Int, event: DomainEvent) {
        self.position = position
        self.event = event
    }

    private enum CodingKeys: String, CodingKey {
        case position, id, tenant, type, at, complaintId, learningItemId, actor, summary, data
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(position, forKey: .position)
        try container.encode(event.id, forKey: .id)
        try container.encode(event.tenant, forKey: .tenant)
        try container.encode(event.type, forKey: .type)
        try container.encode(Timestamp.format(event.at), forKey: .at)
        try container.encodeIfPresent(event.complaintId, forKey: .complaintId)
        try container.encodeIfPresent(event.learningItemId, forKey: .learningItemId)
        try container.encode(event.actor, forKey: .actor)
        try container.encode(event.summary, forKey: .summary)
        try container.encode(event.data, forKey: .data)
    }
}

/// A page of a tenant's feed: the events after a cursor, and the cursor to ask with next.
public struct FeedPage: Sendable, Hashable, Encodable {
    /// The events, in position order.
    public let events: [FeedEvent]
    /// The position to pass as `after` next time: the last event's, or, when a type filter or the end
    /// of the feed left the page short, the highest position this read could see (never one that a
    /// transaction still open could take).
    public let next: Int

    public init(events: [FeedEvent], next: Int) {
        self.events = events
        self.next = next
    }
}
