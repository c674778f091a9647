import KlageDelivery
import Synchronization

/// The delivery lanes running in this instance, so each channel's tenant has one lane at most.
final class DeliveryLanes: Sendable {
    private let running = Mutex<Set<DeliveryLane>>([])

    /// Marks `lane` running. - Returns: `false` when it already was.
    func open(_ lane: DeliveryLane) -> Bool {
        running.withLock { $0.insert(lane).inserted }
    }

    /// Marks `lane` finished.
    func close(_ lane: DeliveryLane) {
        _ = running.withLock { $0.remove(lane) }
    }
}
