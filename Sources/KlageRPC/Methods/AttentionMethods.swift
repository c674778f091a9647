import KlageKernel

/// What `attention.list` returns.
struct AttentionView: WireSample {
    let items: [AttentionItem]

    static let sample = AttentionView(items: [.sample])
}

extension RPCServices {
    /// `attention.list`: what leaders and caseworkers should look at now, earliest due first.
    ///
    /// Complaint clocks past their warn point (`deadline.dueSoon`) or still running past due
    /// (`deadline.missed`), and what the tenant's plug-ins report (e.g. `borgerkontakt.taskOverdue`,
    /// `gladsaxe.actionOverdue`). Items hold no citizen personal data, so the call is not access-logged.
    var attentionMethod: RPCMethod {
        let department = Field<String?>("department", .text(max: 100), "only items of this department")
        let limit = Field<Int?>("limit", .integer(min: 1, max: 500), "at most this many items; 50 by default")
        return RPCMethod(
            "attention.list", summary: "What needs attention now: clocks at risk or missed, overdue tasks and actions, earliest due first.",
            roles: Role.anyTenantRole, params: [department, limit]
        ) { input, context in
            let query = AttentionQuery(
                department: try Validate.optionalText(input[department], field: "department", max: 100), limit: try Validate.limit(input[limit]))
            return AttentionView(items: try await AttentionService(env).list(query, in: context.tenant, by: context.actor))
        }
    }
}
