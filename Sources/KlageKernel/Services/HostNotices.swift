public import Foundation
import Synchronization

/// Attention items the host itself raises for a tenant, beside the complaints' clocks and the plug-ins'
/// sources: e.g. "the web intake reached its ceiling this hour". Kept in memory by each instance, one
/// item per kind and tenant, each until it expires; ``AttentionService`` lists the live ones.
///
/// ```swift
/// env.notices.post(AttentionItem(kind: "intake.ceilingReached", dueAt: now, title: "…"), tenant: id, until: now + 3600)
/// ```
public final class HostNotices: Sendable {
    private let items = Mutex<[TenantID: [AttentionKind: (item: AttentionItem, until: Date)]]>([:])

    public init() {}

    /// Puts `item` on `tenant`'s attention list until `until`, replacing an item of the same kind.
    public func post(_ item: AttentionItem, tenant: TenantID, until: Date) {
        items.withLock { $0[tenant, default: [:]][item.kind] = (item, until) }
    }

    /// `tenant`'s items that have not expired at `now`.
    public func items(for tenant: TenantID, at now: Date) -> [AttentionItem] {
        items.withLock { items in
            items[tenant] = items[tenant]?.filter { $0.value.until > now }
            return items[tenant]?.values.map(\.item) ?? []
        }
    }
}
