import KlageKernel

/// A tenant's mapping from the provider's groups to console roles and departments.
struct GroupMapping: Sendable {
    let claim: String
    let groups: [String: IdentityProviderSettings.GroupGrant]

    init(_ settings: IdentityProviderSettings) {
        claim = settings.groupsClaim
        groups = settings.groups
    }

    /// The roles (highest first) and departments (sorted) the claims' groups grant; groups not in the
    /// mapping grant nothing. The claim may be a list of names or one name.
    func grants(of claims: [String: JSONValue]) -> (roles: [Role], departments: [String]) {
        let names: [String]
        switch claims[claim] {
        case .string(let name): names = [name]
        case .array(let list): names = list.prefix(1_000).compactMap(\.stringValue)
        default: names = []
        }
        var roles: Set<Role> = []
        var departments: Set<String> = []
        for name in names {
            guard let grant = groups[name] else { continue }
            roles.formUnion(grant.roles.compactMap(Role.init(rawValue:)))
            departments.formUnion(grant.departments)
        }
        return (roles.sorted(), departments.sorted())
    }
}
