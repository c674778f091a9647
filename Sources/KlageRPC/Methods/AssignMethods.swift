import KlageKernel

extension RPCServices {
    /// `complaint.assign`: sets who is responsible for a complaint; a change away from a department or
    /// assignee that was set is a hand-off, counted in `handoffs` and shown on the journey.
    var assignMethod: RPCMethod {
        let department = Field<String?>("department", .text(max: 100), "the responsible department, at most 100 characters; left out, it stays")
        let assignee = Field<String?>(
            "assignee", .text(max: 100),
            "the responsible caseworker's id (a person's person:<id> from staff.list, a key id or the case system's id, no personal data), "
                + "or 'me' for the caller; at most 100 characters; left out, it stays")
        return complaintChange(
            "complaint.assign",
            summary:
                "Sets the responsible department, assignee or both; changing one that was set is a hand-off (handoffs + 1, complaint.handedOff "
                + "on the journey). The first assignment is not a hand-off, and assigning the current values changes nothing.",
            params: [department, assignee]
        ) { id, version, input, context in
            try await complaints.assign(
                id, version: version, department: input[department], assignee: context.assignee(input[assignee]),
                in: context.tenant, by: context.actor)
        }
    }
}
