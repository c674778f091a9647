import KlageKernel

extension RPCServices {
    /// `outbox.list` and `outbox.retry`: the deliveries of plug-in hooks, for operators.
    var outboxMethods: [RPCMethod] {
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
                let page = try await outbox.list(
                    state: input[state] ?? .dead, tenant: input[tenant], limit: input[CoreParams.limit] ?? 50, after: input[CoreParams.cursor])
                return PageView(items: page.items, nextCursor: page.nextCursor)
            },
            RPCMethod(
                "outbox.retry",
                summary: "Runs the plug-in hooks of a dead or pending delivery again now; returns the delivery after that attempt.",
                access: .hostOperator, params: [deliveryTenant, eventId]
            ) { input, _ in
                try await outbox.retry(input[eventId], tenant: input[deliveryTenant])
            },
        ]
    }
}
