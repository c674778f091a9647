public import KlageDelivery
import KlageKernel
import Synchronization

/// One subscriber of a tenant's live events (``TenantEventHub/subscribe(tenant:after:types:)``): its
/// events in feed order, through a buffer of bounded size.
///
/// The stream ends when the subscriber leaves (``cancel()``), when the host shuts down, or when the
/// subscriber falls more than the buffer behind: then ``overflowed`` is true, for a subscriber too
/// slow to be served without holding the others back.
public final class EventSubscription: Sendable {
    /// The events after the subscriber's `after` that its types filter lets through, in feed order.
    public let events: AsyncStream<FeedEvent>
    let flag: OverflowFlag
    private let leave: @Sendable () -> Void

    init(events: AsyncStream<FeedEvent>, flag: OverflowFlag, leave: @escaping @Sendable () -> Void) {
        self.events = events
        self.flag = flag
        self.leave = leave
    }

    /// Whether the stream ended because the subscriber's buffer was full.
    public var overflowed: Bool { flag.isSet }

    /// Leaves the tenant's stream; the hub stops reading the tenant's feed when no subscriber is left.
    public func cancel() {
        leave()
    }

    deinit {
        leave()
    }
}

/// Set once when a subscriber's buffer overflows; shared by the hub and the subscription.
final class OverflowFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// Whether the flag was set.
    var isSet: Bool { value.load(ordering: .acquiring) }

    /// Sets the flag.
    func set() {
        value.store(true, ordering: .releasing)
    }
}
