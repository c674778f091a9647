import Foundation

/// The host operator's use cases: tenants on the host.
public struct TenantService: Sendable {
    private let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// Adds a tenant. - Throws: validation for a bad id or an unknown plug-in; conflict when the id is taken.
    @discardableResult
    public func create(id: String, name: String, plugins: [String], settings: [String: JSONValue] = [:]) async throws -> Tenant {
        guard (2...40).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }),
              id.first?.isLetter == true else {
            throw KlageError.validation(field: "id", reason: "2-40 lowercase letters, digits or '-', starting with a letter")
        }
        try env.registry.checkPlugins(plugins)
        let tenant = Tenant(
            id: TenantID(id), name: try Validate.text(name, field: "name", max: 200),
            plugins: Array(Set(plugins)).sorted(), settings: try Validate.fields(settings, field: "settings"),
            createdAt: env.clock.now()
        )
        try await env.store.insertTenant(tenant)
        return tenant
    }

    /// The tenant with this id. - Throws: not found.
    public func get(_ id: TenantID) async throws -> Tenant {
        guard let tenant = try await env.store.tenant(id) else { throw KlageError.notFound("tenant") }
        return tenant
    }

    /// Every tenant on the host.
    public func list() async throws -> [Tenant] {
        try await env.store.allTenants()
    }
}
