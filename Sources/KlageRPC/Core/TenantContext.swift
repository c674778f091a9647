public import KlageKernel
public import Logging

/// What the handler of a tenant-scoped method (a ``TenantMethod``) knows: the tenant, the actor, and the request's logger.
///
/// The dispatcher authenticates and authorises before a tenant method's handler runs, so both are
/// always there; handlers never unwrap them.
///
/// ```swift
/// builder.register(ComplaintGet.self) { params, context in
///     ComplaintView(try await complaints.read(params.id, in: context.tenant, by: context.actor, purpose: ComplaintGet.name), now: now, for: context.actor)
/// }
/// ```
public struct TenantContext: Sendable {
    /// The caller's tenant.
    public let tenant: Tenant
    /// The authenticated caller, a key of ``tenant`` holding one of the method's roles.
    public let actor: Principal
    /// A logger carrying the request id and method, never params.
    public let logger: Logger

    public init(tenant: Tenant, actor: Principal, logger: Logger) {
        self.tenant = tenant
        self.actor = actor
        self.logger = logger
    }
}

/// A method only keys of a tenant may call, holding one of ``roles``; its handler gets a ``TenantContext``.
///
/// ```swift
/// enum ComplaintGet: TenantMethod {
///     static let roles = Role.anyTenantRole
///     …
/// }
/// ```
public protocol TenantMethod: RPCMethod {
    /// The roles that may call it (admins and leaders include the roles below them).
    static var roles: Set<Role> { get }
}

extension TenantMethod {
    /// Keys of a tenant holding one of ``roles``.
    public static var access: RPCAccess { .tenant(roles) }
}

extension Role {
    /// Every tenant role: any key of a tenant may call the method.
    public static var anyTenantRole: Set<Role> { Set(tenantRoles) }
}
