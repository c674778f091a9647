import KlageKernel

extension RPCServices {
    /// `pulse.submit`: one anonymous answer to the staff pulse.
    ///
    /// Nothing of the caller is kept: not the key's id, not the time (the day only, Copenhagen time), and
    /// the request log carries the method, tenant, code and timing only, as for every method.
    var pulseMethod: RPCMethod {
        let department = Field<String>("department", .text(max: 100), "the answering member's department, at most 100 characters")
        let score = Field<Int>("score", .integer(min: 1, max: 5))
        return RPCMethod(
            "pulse.submit",
            summary:
                "Answers the anonymous staff pulse: how satisfied you are with how complaints are handled, 1 to 5. Stores the department, "
                + "score and day only, never who answered.",
            roles: [.caseworker], params: [department, score]
        ) { input, context in
            try await StaffPulseService(env).submit(department: input[department], score: input[score], in: context.tenant)
            return ThanksView(thanks: true)
        }
    }
}
