/// Who is acting: an authenticated API key or a signed-in person, its tenant and its role.
///
/// Named `Principal`, the security term, so it does not shadow Swift's `Actor` protocol.
///
/// Every service call takes an actor, so every change is attributed and every query is scoped.
public struct Principal: Sendable, Hashable, Codable {
    /// The key's id, recorded as the author of events.
    public let id: String
    /// The tenant the key belongs to; `nil` only for host operator keys.
    public let tenant: TenantID?
    /// The key's role.
    public let role: Role
    /// A human label for the key, e.g. "ESDH integration" or "Anna, Borgerservice".
    public let label: String
    /// The departments whose complaints a person works on (``ComplaintVisibility``); `nil` for keys.
    public let departments: [String]?

    public init(id: String, tenant: TenantID?, role: Role, label: String, departments: [String]? = nil) {
        self.id = id
        self.tenant = tenant
        self.role = role
        self.label = label
        self.departments = departments
    }

    /// The actor used by the system itself (the scheduler, start-up seeding).
    public static func system(tenant: TenantID?) -> Principal {
        Principal(id: "system", tenant: tenant, role: .admin, label: "Klage")
    }

    /// Whether this actor holds one of `roles`; admins may do what leaders may, leaders what caseworkers may.
    public func holds(anyOf roles: Set<Role>) -> Bool {
        if roles.contains(role) { return true }
        switch role {
        case .admin: return roles.contains(.leader) || roles.contains(.caseworker)
        case .leader: return roles.contains(.caseworker)
        default: return false
        }
    }
}
