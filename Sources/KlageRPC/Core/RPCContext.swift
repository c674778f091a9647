public import KlageKernel
public import Logging

/// What a handler knows about its call: who calls, for which tenant, and the request's logger.
public struct RPCContext: Sendable {
    /// The authenticated caller; `nil` for open methods called without a key.
    public let actor: Principal?
    /// The caller's tenant; `nil` for host operators and anonymous callers.
    public let tenant: Tenant?
    /// A logger carrying the request id and method, never params.
    public let logger: Logger

    public init(actor: Principal?, tenant: Tenant?, logger: Logger) {
        self.actor = actor
        self.tenant = tenant
        self.logger = logger
    }

    /// The tenant and actor of a tenant-scoped call. The dispatcher guarantees both for `.tenant` methods.
    public func tenantScope() throws -> (tenant: Tenant, actor: Principal) {
        guard let tenant, let actor else { throw KlageError.forbidden("this method needs a tenant's API key") }
        return (tenant, actor)
    }

    /// The authenticated actor. - Throws: unauthenticated when there is none.
    public func requireActor() throws -> Principal {
        guard let actor else { throw KlageError.unauthenticated() }
        return actor
    }
}
