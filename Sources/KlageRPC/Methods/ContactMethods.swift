import KlageKernel

extension RPCServices {
    /// `contact.record` and `contact.list`.
    var contactMethods: [RPCMethod] {
        [
            RPCMethod(
                "contact.record",
                summary: "Records a contact with the citizen; an oral contact (phone, meeting, video) meets a first-contact deadline.",
                roles: [.caseworker], params: NewContact.params.declarations
            ) { input, context in
                try await complaints.recordContact(try input.read(NewContact.params), in: context.tenant, by: context.actor)
            },
            RPCMethod(
                "contact.list", summary: "The contacts recorded on a complaint, oldest first.", roles: Role.anyTenantRole,
                params: [CoreParams.complaintId]
            ) { input, context in
                let id = input[CoreParams.complaintId]
                _ = try await complaints.read(id, in: context.tenant, by: context.actor, purpose: "contact.list")
                return ItemsView(items: try await complaints.contacts(of: id, in: context.tenant, by: context.actor))
            },
        ]
    }
}
