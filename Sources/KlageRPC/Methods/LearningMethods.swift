import KlageKernel

extension RPCServices {
    /// `learning.create`, `.get`, `.list` and `.act`: what the organisation learned, and what it did about it.
    var learningMethods: [RPCMethod] {
        let item = Field<LearningItemID>("id", .text(max: 64))
        let state = Field<StateID?>("state", .text(max: 64))
        let action = Field<ActionID>("action", .choice(LearningWorkflow.definition.actions.map(\.id.rawValue)))
        let note = Field<String?>("note", .text(max: 2_000))
        return [
            RPCMethod(
                "learning.create",
                summary:
                    "Creates a learning item, optionally tied to a complaint (whose journey then says what was learned); it must hold no personal data.",
                roles: [.caseworker], params: NewLearningItem.params.declarations
            ) { input, context in
                // Refuses personal data and what the tenant's plug-ins refuse (Gladsaxe: an unknown department).
                try await learning.create(try input.read(NewLearningItem.params), in: context.tenant, by: context.actor)
            },
            RPCMethod("learning.get", summary: "One learning item by id.", roles: Role.anyTenantRole, params: [item]) { input, context in
                try await learning.get(input[item], in: context.tenant)
            },
            RPCMethod(
                "learning.list", summary: "A page of the tenant's learning items, newest first.", roles: Role.anyTenantRole,
                params: [state, CoreParams.department, CoreParams.limit, CoreParams.cursor]
            ) { input, context in
                let query = LearningQuery(
                    state: input[state], department: input[CoreParams.department], limit: try Validate.limit(input[CoreParams.limit]),
                    after: try PageCursor.decode(input[CoreParams.cursor]))
                let page = try await learning.list(query, in: context.tenant)
                return PageView(items: page.items, nextCursor: page.nextCursor)
            },
            RPCMethod(
                "learning.act", summary: "Accepts, implements or dismisses a learning item at the given version.", roles: [.caseworker],
                params: [item, action, CoreParams.version, note]
            ) { input, context in
                try await learning.act(
                    input[item], action: input[action], version: input[CoreParams.version], note: input[note], in: context.tenant, by: context.actor)
            },
        ]
    }
}
