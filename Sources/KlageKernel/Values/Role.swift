/// What an API key may do. Tenant keys carry one of the tenant roles; `operator` keys manage the host.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Manages tenants and their keys on the host; sees no tenant's complaints.
    case `operator`
    /// Administers one tenant: keys, settings, and everything a leader may do.
    case admin
    /// Follows deadlines and numbers; reviews learning; may take any caseworker action.
    case leader
    /// Registers complaints, calls citizens, records contacts, closes cases.
    case caseworker
    /// A case system (ESDH) integrating over JSON-RPC: creates and follows complaints.
    case integration

    /// The tenant roles, in order of decreasing authority.
    public static let tenantRoles: [Role] = [.admin, .leader, .caseworker, .integration]

    private var rank: Int {
        switch self {
        case .operator: 0
        case .admin: 1
        case .leader: 2
        case .caseworker: 3
        case .integration: 4
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
