public import Foundation

/// The id of a person who signs in to the console through their municipality's identity provider.
public typealias PersonID = Identifier<Person>

/// A person known from their municipality's identity provider: one per tenant, issuer and subject.
///
/// Made or refreshed at each sign-in from the id token's claims; the roles and departments come from
/// the token's groups through the tenant's mapping. A console session of a person acts as ``actor``,
/// so events and the access log name the person, not a key.
public struct Person: Sendable, Hashable, Codable {
    public let id: PersonID
    public let tenant: TenantID
    /// The identity provider's issuer (`iss`), exactly as its id tokens state it.
    public let issuer: String
    /// The subject (`sub`): the provider's stable id of the person.
    public let subject: String
    /// The person's name (`name`), or the subject when the provider sends none.
    public var name: String
    /// The e-mail address (`email`), when the provider sends one.
    public var email: String?
    /// The tenant roles the person's groups map to, highest first.
    public var roles: [Role]
    /// The departments the person's groups map to, sorted.
    public var departments: [String]
    public let createdAt: Date
    /// The last sign-in.
    public var lastSeenAt: Date

    public init(
        id: PersonID, tenant: TenantID, issuer: String, subject: String, name: String, email: String?, roles: [Role], departments: [String],
        createdAt: Date, lastSeenAt: Date
    ) {
        self.id = id
        self.tenant = tenant
        self.issuer = issuer
        self.subject = subject
        self.name = name
        self.email = email
        self.roles = roles.sorted()
        self.departments = departments.sorted()
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }

    /// The highest of the person's roles; `nil` when the groups grant none.
    public var role: Role? { roles.min() }

    /// The actor this person acts as in the console: id `person:<id>`, the highest role, the name as
    /// label, limited to the person's departments (``ComplaintVisibility``).
    public var actor: Principal? {
        role.map { Principal(id: "person:" + id.rawValue, tenant: tenant, role: $0, label: name, departments: departments) }
    }
}
