import KlageKernel

extension RPCServices {
    /// `complaint.retrack`, which corrects a complaint's legal track, and `complaint.preferWrittenContact`,
    /// which records that the citizen asked for written contact, and why.
    var trackAndRouteMethods: [RPCMethod] {
        let track = Field<ComplaintTrack>("track", .choice(of: ComplaintTrack.self))
        let writtenReason = Field<WrittenContactReason>("reason", .choice(of: WrittenContactReason.self))
        return [
            complaintChange(
                "complaint.retrack",
                summary:
                    "Corrects the complaint's legal track (dissatisfaction or appeal); the reason, free of personal data, goes into the journey. "
                    + "An appeal's forwarding deadline runs from the complaint's receipt.",
                params: [track, CoreParams.reason]
            ) { id, version, input, context in
                try await complaints.retrack(
                    id, version: version, track: input[track], reason: input[CoreParams.reason], in: context.tenant, by: context.actor)
            },
            complaintChange(
                "complaint.preferWrittenContact",
                summary:
                    "Records that the citizen asked for written contact (cannot use the phone, abroad, declines calls, other): the written route opens, "
                    + "and a letter, e-mail or Digital Post that reaches the citizen counts where a conversation would.",
                params: [writtenReason]
            ) { id, version, input, context in
                try await complaints.preferWrittenContact(id, version: version, reason: input[writtenReason], in: context.tenant, by: context.actor)
            },
        ]
    }
}
