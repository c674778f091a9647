/// One link of a tenant's audit chain (`audit_chain`): every stored domain event and every recorded
/// read of personal data appends one, in the same transaction.
public typealias AuditEntry = AuditChainEntry<TenantAuditKind>

/// One link of the host's audit chain (`host_audit_chain`): what a host operator (or the host's own
/// configuration) did to keys and tenants.
public typealias HostAuditEntry = AuditChainEntry<HostAuditKind>

/// What an entry of a tenant's audit chain records.
public enum TenantAuditKind: String, Sendable, Hashable, Codable {
    /// A domain event row was written (`reference` is the event's id).
    case event
    /// A read of a complaint's personal data was recorded (`reference` is the complaint's id).
    case read
}

/// What an entry of the host's audit chain records.
public enum HostAuditKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An API key was minted (`reference` is the key's id).
    case keyCreated = "key.created"
    /// An API key was given a new secret (`reference` is the key's id).
    case keyRotated = "key.rotated"
    /// An API key was revoked (`reference` is the key's id).
    case keyRevoked = "key.revoked"
    /// A tenant was created (`reference` is the tenant's id).
    case tenantCreated = "tenant.created"
    /// A tenant's name, plug-ins or settings changed (`reference` is the tenant's id).
    case tenantChanged = "tenant.changed"
}

extension AuditChainEntry where Kind == HostAuditKind {
    /// The actor id of changes made by the host's configuration at start-up.
    public static var configurationActor: String { "configuration" }
    /// The actor id of changes made with the `klage` command line on the host.
    public static var commandLineActor: String { "cli" }
}
