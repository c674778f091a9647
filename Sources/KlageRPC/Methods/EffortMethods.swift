import Foundation
import KlageKernel

extension RPCServices {
    /// `effort.record` and `effort.list`: staff time spent on a complaint outside its contacts.
    var effortMethods: [RPCMethod] {
        let minutes = Field<Int>("minutes", .integer(min: 1, max: 1_440))
        let activity = Field<String?>("activity", .text(max: 200), "what the time went to, at most 200 characters, no personal data")
        let at = Field<Date?>("at", .time, "when the work was done; now by default; not in the future nor before the complaint was registered")
        return [
            RPCMethod(
                "effort.record",
                summary:
                    "Records staff time spent on a complaint (reading, talking to colleagues, writing); also after closing. Shown on the journey.",
                roles: [.caseworker], params: [CoreParams.complaintId, minutes, activity, at]
            ) { input, context in
                try await EffortService(env).record(
                    on: input[CoreParams.complaintId], minutes: input[minutes], activity: input[activity], at: input[at], in: context.tenant,
                    by: context.actor)
            },
            RPCMethod(
                "effort.list", summary: "The staff time recorded on a complaint, oldest first.", roles: Role.anyTenantRole,
                params: [CoreParams.complaintId]
            ) { input, context in
                ItemsView(items: try await EffortService(env).list(of: input[CoreParams.complaintId], in: context.tenant, by: context.actor))
            },
        ]
    }
}
