import Foundation
import KlageKernel

extension RPCServices {
    /// `baseline.set`, `.list` and `.delete`: a leader's before-Klage figures for a department (or the
    /// whole municipality) and period.
    var baselineMethods: [RPCMethod] {
        let department = Field<String?>("department", .text(max: 100), "left out: the whole municipality")
        let to = Field<Date>("to", .time, "after from, at most 5 years later")
        let received = Field<Int?>("received", .integer(min: 0, max: .max))
        let appealsForwarded = Field<Int?>("appealsForwarded", .integer(min: 0, max: .max))
        let medianDaysToClose = Field<Double?>("medianDaysToClose", .number)
        let satisfactionMean = Field<Double?>("satisfactionMean", .number, "citizens' mean satisfaction, 1 to 5")
        let source = Field<String?>("source", .text(max: 200), "where the figures come from, e.g. ESDH extract 2024; no personal data")
        return [
            RPCMethod(
                "baseline.set",
                summary:
                    "Stores the figures from before Klage for a department (or the whole municipality, without one) and period; replaces the "
                    + "baseline with the same department and from.",
                roles: [.leader],
                params: [department, CoreParams.from, to, received, appealsForwarded, medianDaysToClose, satisfactionMean, source]
            ) { input, context in
                let draft = Baseline(
                    tenant: context.tenant.id, department: input[department], from: input[CoreParams.from], to: input[to],
                    received: input[received], appealsForwarded: input[appealsForwarded], medianDaysToClose: input[medianDaysToClose],
                    satisfactionMean: input[satisfactionMean], source: input[source], updatedAt: now)
                return try await BaselineService(env).set(draft, in: context.tenant)
            },
            RPCMethod(
                "baseline.list", summary: "The tenant's baselines, by department (the whole municipality's first) and from.", roles: [.leader]
            ) { _, context in
                ItemsView(items: try await BaselineService(env).list(in: context.tenant))
            },
            RPCMethod(
                "baseline.delete", summary: "Deletes the baseline of a department (the whole municipality's, without one) that starts at from.",
                roles: [.leader], params: [CoreParams.department, CoreParams.from]
            ) { input, context in
                try await BaselineService(env).delete(department: input[CoreParams.department], from: input[CoreParams.from], in: context.tenant)
                return DeletedView(deleted: true)
            },
        ]
    }
}
