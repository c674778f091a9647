import KlageKernel
import Synchronization

/// The tenants whose webhook lane is running in this instance, so each tenant has one lane at most.
final class WebhookLanes: Sendable {
    private let running = Mutex<Set<TenantID>>([])

    /// Marks `tenant`'s lane running. - Returns: `false` when it already was.
    func open(_ tenant: TenantID) -> Bool {
        running.withLock { $0.insert(tenant).inserted }
    }

    /// Marks `tenant`'s lane finished.
    func close(_ tenant: TenantID) {
        _ = running.withLock { $0.remove(tenant) }
    }
}
