public import Foundation
public import KlageKernel

/// The plug-in hooks as a delivery channel: each stored event that some plug-in hooks owes the tenant's
/// hooks a run, in-process.
///
/// The store writes the delivery with the event, in its transaction, already taken for attempt 1
/// (``Delivery/hooks(of:policy:)``); the request that stored the event runs that attempt right after its
/// commit and records it (``DeliveryLedger/hooksRan(_:on:)``). What it leaves undone (a hook that threw,
/// a process that died first) the dispatcher runs here, skipping the hooks that have succeeded. Each hook
/// runs with ids derived from its delivery (``KlageKernel/DerivedIDs``), so a hook run twice writes once.
public struct HookChannel: DeliveryChannel {
    /// The channel's name in the table.
    public static let name = "hooks"

    public var name: String { Self.name }
    /// A hook's attempt holds its delivery for at least a minute.
    public var lease: TimeInterval { 60 }

    let env: ServiceEnvironment
    let store: any DeliveryStore

    public init(env: ServiceEnvironment, store: any DeliveryStore) {
        self.env = env
        self.store = store
    }

    public func tenantsToDispatch(at now: Date) async throws -> [TenantID] {
        try await store.tenantsWithDueDeliveries(channel: Self.name, at: now)
    }

    public func prepare(tenant: TenantID, at now: Date) async throws {}

    /// Runs the hooks not yet done of each event, one event after another.
    public func attempt(_ due: [DueDelivery], tenant: TenantID) async -> [DeliveryAttempt] {
        guard let record = try? await env.store.tenant(tenant) else {
            return due.map { _ in DeliveryAttempt(error: "the tenant cannot be read") }
        }
        var attempts: [DeliveryAttempt] = []
        for item in due {
            let run = await env.rerunHooks(of: item.event, tenant: record, skipping: Set(item.delivery.done))
            attempts.append(DeliveryAttempt(done: run.succeeded, error: run.error))
        }
        return attempts
    }
}

extension DeliveryLedger {
    /// Records attempt 1 of `event`'s plug-in hook delivery, run by the request that stored it right after
    /// its commit: what ``KlageKernel/ServiceEnvironment``'s `hooksRan` is given in the host.
    public func hooksRan(_ run: HookRun, on event: DomainEvent) async {
        await record(DeliveryAttempt(done: run.succeeded, error: run.error), of: .hooks(of: event, policy: policy))
    }
}
