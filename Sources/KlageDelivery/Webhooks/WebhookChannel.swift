public import Foundation
public import KlageKernel

/// Webhooks as a delivery channel: before each pass the tenant's new events are fanned out into one
/// delivery per webhook that wants them (``WebhookStore/fanOutWebhooks(tenant:at:limit:)``), and each
/// attempt POSTs one event to one webhook through the ``WebhookTransport``, side by side.
public struct WebhookChannel: DeliveryChannel {
    /// The channel's name in the table.
    public static let name = "webhook"

    public var name: String { Self.name }
    /// How long an attempt may take, plus a margin: the transport's timeout bounds it.
    public let lease: TimeInterval

    let store: any WebhookStore
    let transport: any WebhookTransport

    /// A channel whose attempts end within `timeout` seconds.
    public init(store: any WebhookStore, transport: any WebhookTransport, timeout: TimeInterval) {
        self.store = store
        self.transport = transport
        self.lease = timeout + 5
    }

    /// The tenants with webhooks: each may have new events to fan out, or deliveries due.
    public func tenantsToDispatch(at now: Date) async throws -> [TenantID] {
        try await store.tenantsWithWebhooks()
    }

    public func prepare(tenant: TenantID, at now: Date) async throws {
        _ = try await store.fanOutWebhooks(tenant: tenant, at: now, limit: 2_000)
    }

    /// Sends every delivery at once, each to its webhook; one whose webhook is gone fails.
    public func attempt(_ due: [DueDelivery], tenant: TenantID) async -> [DeliveryAttempt] {
        let webhooks: [String: Webhook]
        do {
            webhooks = Dictionary(try await store.webhooks(tenant: tenant).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        } catch {
            return due.map { _ in DeliveryAttempt(error: "the webhooks cannot be read") }
        }
        return await withTaskGroup(of: (Int, DeliveryAttempt).self) { group in
            for (index, item) in due.enumerated() {
                group.addTask {
                    guard let webhook = webhooks[item.delivery.target] else { return (index, DeliveryAttempt(error: "webhook deleted")) }
                    let event = FeedEvent(position: item.delivery.position, event: item.event)
                    switch await transport.send(event, to: webhook) {
                    case .delivered: return (index, DeliveryAttempt())
                    case .failed(let reason): return (index, DeliveryAttempt(error: reason))
                    }
                }
            }
            var attempts = due.map { _ in DeliveryAttempt() }
            for await (index, attempt) in group { attempts[index] = attempt }
            return attempts
        }
    }
}
