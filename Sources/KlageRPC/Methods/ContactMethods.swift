public import KlageKernel

/// `contact.record`: records a conversation or letter with the citizen.
public enum ContactRecord: TenantMethod {
    public typealias Params = NewContact
    public typealias Result = Contact
    public static let name = "contact.record"
    public static let summary = "Records a contact with the citizen; an oral contact (phone, meeting, video) meets a first-contact deadline."
    public static let roles: Set<Role> = [.caseworker]
    public static let params = NewContact.params.map(RPCParam.init(field:))
    public static let result = RPCSchema.ref("Contact")
}

/// `contact.list`: the contacts of a complaint, oldest first.
public enum ContactList: TenantMethod {
    public struct Params: Decodable, Sendable { let complaintId: ComplaintID }
    public typealias Result = ItemsView<Contact>
    public static let name = "contact.list"
    public static let summary = "The contacts recorded on a complaint, oldest first."
    public static let roles = Role.anyTenantRole
    public static let params = [RPCParam("complaintId", .string, required: true)]
    public static let result = ItemsView<Contact>.schema("Contact")
}

extension RPCServices {
    func registerContactMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(ContactRecord.self) { params, context in
            try await complaints.recordContact(params, in: context.tenant, by: context.actor)
        }
        builder.register(ContactList.self) { params, context in
            _ = try await complaints.read(params.complaintId, in: context.tenant, by: context.actor, purpose: ContactList.name)
            return ItemsView(items: try await complaints.contacts(of: params.complaintId, in: context.tenant))
        }
    }
}
