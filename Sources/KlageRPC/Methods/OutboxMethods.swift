import KlageDelivery
import KlageKernel

/// The state of a plug-in hook delivery in the words of the `outbox.*` methods.
public enum OutboxState: String, Sendable, Codable, CaseIterable {
    case pending, done, dead

    /// The one table's state it names: `done` (every hook succeeded) is `delivered`, `dead` (given up
    /// after every retry) is `failed`.
    var deliveryState: DeliveryState {
        switch self {
        case .pending: .pending
        case .done: .delivered
        case .dead: .failed
        }
    }
}

extension IntegrationMethods {
    /// `outbox.list` and `outbox.retry`: the deliveries of plug-in hooks, for operators.
    static func outboxMethods(_ deliveries: DeliveryEngine) -> [RPCMethod] {
        let state = Field<OutboxState?>("state", .choice(of: OutboxState.self), "dead (default), pending or done")
        let tenant = Field<TenantID?>("tenant", .text(max: 64))
        let deliveryTenant = Field<TenantID>("tenant", .text(max: 64))
        let eventId = Field<EventID>("eventId", .text(max: 64))
        return [
            RPCMethod(
                "outbox.list",
                summary:
                    "The deliveries of plug-in hooks in a state (dead by default: given up after every retry), oldest event first; lastError never holds personal data.",
                access: .hostOperator, params: [state, tenant, CoreParams.limit, CoreParams.cursor]
            ) { input, _ in
                PageView<HookDeliveryView>(
                    try await deliveries.ledger.list(
                        DeliveryQuery(
                            channel: HookChannel.name, tenant: input[tenant], state: (input[state] ?? .dead).deliveryState,
                            after: try DeliveryCursor.decode(input[CoreParams.cursor]), limit: input[CoreParams.limit] ?? 50)))
            },
            RPCMethod(
                "outbox.retry",
                summary: "Runs the plug-in hooks of a dead or pending delivery again now; returns the delivery after that attempt.",
                access: .hostOperator, params: [deliveryTenant, eventId]
            ) { input, _ in
                HookDeliveryView(
                    delivery: try await deliveries.retryNow(
                        DeliveryKey(channel: HookChannel.name, target: "", eventId: input[eventId]), tenant: input[deliveryTenant]))
            },
        ]
    }
}
