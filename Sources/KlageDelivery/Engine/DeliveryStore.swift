public import Foundation
public import KlageKernel

/// Stores deliveries, of every channel, in one table.
///
/// Plug-in hook deliveries are written by the store itself, with their event in its transaction (for the
/// event types the host's plug-ins hook); webhook deliveries by the fan-out (``WebhookStore``). This port
/// reads and advances them.
public protocol DeliveryStore: Sendable {
    /// The tenants with pending deliveries of `channel` due at `now` (a host read).
    func tenantsWithDueDeliveries(channel: String, at now: Date) async throws -> [TenantID]
    /// The pending deliveries of `channel` for `tenant` due at `now`, earliest first, at most `limit`, each with its event.
    func dueDeliveries(tenant: TenantID, channel: String, at now: Date, limit: Int) async throws -> [DueDelivery]
    /// One delivery with its event, or `nil`.
    func delivery(_ key: DeliveryKey, tenant: TenantID) async throws -> DueDelivery?
    /// Takes pending deliveries of one tenant, in one transaction: each given with its attempt counted and
    /// its lease as ``Delivery/nextAttemptAt`` is taken if its stored attempts are still one fewer.
    /// - Returns: those this caller took (another instance may have taken the rest).
    func claimDeliveries(_ taken: [Delivery]) async throws -> [Delivery]
    /// Records the outcomes of attempts (each delivery as it stands after its attempt), in one
    /// transaction; a delivery whose stored attempts have moved on since (retried by hand, or taken
    /// again after its lease) is left alone.
    func recordAttempts(_ deliveries: [Delivery]) async throws
    /// Deliveries that `query` selects, by feed position, then event, then target.
    func deliveries(_ query: DeliveryQuery) async throws -> [Delivery]
    /// Makes the deliveries `query` selects that are not delivered pending again, with no attempts, due
    /// at `now` (a retry by hand). - Returns: how many.
    func retryDeliveries(_ query: DeliveryQuery, at now: Date) async throws -> Int
}

/// Names one delivery within its tenant.
public struct DeliveryKey: Sendable, Hashable {
    public let channel: String
    public let target: String
    public let eventId: EventID

    public init(channel: String, target: String, eventId: EventID) {
        self.channel = channel
        self.target = target
        self.eventId = eventId
    }
}

/// Which deliveries to list or retry: always of one channel; of one tenant (or every tenant, for host
/// operators), one target, one event and one state when given.
public struct DeliveryQuery: Sendable, Hashable {
    public var channel: String
    public var tenant: TenantID?
    public var target: String?
    public var eventId: EventID?
    public var state: DeliveryState?
    /// Only those after this place in the order (``DeliveryCursor``).
    public var after: DeliveryCursor?
    public var limit: Int

    public init(
        channel: String, tenant: TenantID?, target: String? = nil, eventId: EventID? = nil, state: DeliveryState? = nil,
        after: DeliveryCursor? = nil, limit: Int = 1_000
    ) {
        self.channel = channel
        self.tenant = tenant
        self.target = target
        self.eventId = eventId
        self.state = state
        self.after = after
        self.limit = limit
    }
}
