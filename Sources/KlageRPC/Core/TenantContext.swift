public import KlageKernel
public import Logging

/// What the handler of a tenant-scoped method (one declared with `roles:`) knows: the tenant, the actor,
/// and the request's logger.
///
/// The dispatcher authenticates and authorises before a tenant method's handler runs, so both are
/// always there; handlers never unwrap them.
///
/// ```swift
/// RPCMethod("complaint.get", summary: "One complaint by id.", roles: Role.anyTenantRole, params: [id]) { input, context in
///     ComplaintView(try await complaints.read(input[id], in: context.tenant, by: context.actor, purpose: "complaint.get"), now: now, for: context.actor)
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

    /// An assignee as a param gives it: `me` is the caller's own id; any other id is itself.
    func assignee(_ given: String?) -> String? {
        given.map { $0 == "me" ? actor.id : $0 }
    }
}

extension Role {
    /// Every tenant role: any key of a tenant may call the method.
    public static var anyTenantRole: Set<Role> { Set(tenantRoles) }
}
