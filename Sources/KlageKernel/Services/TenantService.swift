import Foundation

/// The host operator's use cases: tenants on the host.
public struct TenantService: Sendable {
    private let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// Adds a tenant, recorded on the host's audit chain as done by `actor` (an operator key's id,
    /// ``HostAuditEntry/configurationActor`` or ``HostAuditEntry/commandLineActor``).
    /// - Throws: validation for a bad id or an unknown plug-in; conflict when the id is taken.
    @discardableResult
    public func create(id: String, name: String, plugins: [String], settings: [String: JSONValue] = [:], by actor: String) async throws -> Tenant {
        guard (2...40).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }),
            id.first?.isLetter == true
        else {
            throw KlageError.validation(field: "id", reason: "2-40 lowercase letters, digits or '-', starting with a letter")
        }
        let tenant = try validated(Tenant(id: TenantID(id), name: name, plugins: plugins, settings: settings, createdAt: env.clock.now()))
        try await env.store.insertTenant(tenant, by: actor)
        return tenant
    }

    /// Makes a tenant's name, plug-ins and settings those given (e.g. from configuration), if they
    /// differ; a change is recorded on the host's audit chain as done by `actor`.
    /// - Returns: whether anything changed.
    @discardableResult
    public func configure(
        id: String, name: String, plugins: [String], settings: [String: JSONValue], by actor: String = HostAuditEntry.configurationActor
    ) async throws -> Bool {
        let current = try await get(TenantID(id))
        let wanted = try validated(Tenant(id: current.id, name: name, plugins: plugins, settings: settings, createdAt: current.createdAt))
        guard wanted != current else { return false }
        try await env.store.updateTenant(wanted, by: actor, at: env.clock.now())
        return true
    }

    /// Checks a tenant's fields: a known plug-in for each, declared settings of their type (`"24h"`, `"5wd"`…).
    private func validated(_ tenant: Tenant) throws -> Tenant {
        try env.registry.checkPlugins(tenant.plugins)
        let settings = try Validate.fields(tenant.settings, field: "settings")
        try TenantSettings.validate(settings, declared: env.registry.settings)
        return Tenant(
            id: tenant.id, name: try Validate.text(tenant.name, field: "name", max: 200),
            plugins: Array(Set(tenant.plugins)).sorted(), settings: settings, createdAt: tenant.createdAt)
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
