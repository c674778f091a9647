public import KlageKernel

/// Reads a tenant's events in commit order (``FeedEvent``).
public protocol EventFeedStore: Sendable {
    /// The tenant's events after position `after`, of `types` (all when `nil`), at most `limit`, in
    /// position order, with the position to ask after next.
    func feed(tenant: TenantID, after: Int, types: [EventType]?, limit: Int) async throws -> FeedPage
    /// The tenant's highest position committed (0 before its first event): where a new subscriber starts.
    func feedHead(tenant: TenantID) async throws -> Int
}
