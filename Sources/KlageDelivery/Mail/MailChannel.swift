public import Foundation
public import KlageKernel

/// Throwaway: a third channel, to count the edits one takes.
public struct MailChannel: DeliveryChannel {
    public static let name = "mail"
    public var name: String { Self.name }
    public var lease: TimeInterval { 30 }
    let store: any DeliveryStore

    public init(store: any DeliveryStore) { self.store = store }

    public func tenantsToDispatch(at now: Date) async throws -> [TenantID] {
        try await store.tenantsWithDueDeliveries(channel: Self.name, at: now)
    }

    public func prepare(tenant: TenantID, at now: Date) async throws {}

    public func attempt(_ due: [DueDelivery], tenant: TenantID) async -> [DeliveryAttempt] {
        due.map { _ in DeliveryAttempt() }
    }
}
