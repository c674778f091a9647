import KlageKernel

extension RPCServices {
    /// `complaint.retrack`, which corrects a complaint's legal track, and `complaint.preferWrittenContact`,
    /// which records that the citizen asked for written contact, and why.
    var trackAndRouteMethods: [RPCMethod] {
        let track = Field<ComplaintTrack>("track", .choice(of: ComplaintTrack.self))
        let writtenReason = Field<WrittenContactReason>("reason", .choice(of: WrittenContactReason.self))
        return [
            RPCMethod(
                "complaint.retrack",
                summary:
                    "Corrects the complaint's legal track (dissatisfaction or appeal); the reason, free of personal data, goes into the journey. "
                    + "An appeal's forwarding deadline runs from the complaint's receipt.",
                roles: [.caseworker], params: [CoreParams.complaint, CoreParams.version, track, CoreParams.reason]
            ) { input, context in
                ComplaintView(
                    try await complaints.retrack(
                        input[CoreParams.complaint], version: input[CoreParams.version], track: input[track], reason: input[CoreParams.reason],
                        in: context.tenant, by: context.actor),
                    now: now, for: context.actor)
            },
            RPCMethod(
                "complaint.preferWrittenContact",
                summary:
                    "Records that the citizen asked for written contact (cannot use the phone, abroad, declines calls, other): the written route opens, "
                    + "and a letter, e-mail or Digital Post that reaches the citizen counts where a conversation would.",
                roles: [.caseworker], params: [CoreParams.complaint, CoreParams.version, writtenReason]
            ) { input, context in
                ComplaintView(
                    try await complaints.preferWrittenContact(
                        input[CoreParams.complaint], version: input[CoreParams.version], reason: input[writtenReason], in: context.tenant,
                        by: context.actor),
                    now: now, for: context.actor)
            },
        ]
    }
}
