import KlageKernel
import KlageRPC
import KlageStorage

/// The guards every door of one server shares, made once per application: the rate limiter and the
/// in-flight cap of the JSON-RPC endpoints, the budget of failed credentials, the in-memory tenant
/// directory of the anonymous doors, the cached readiness probe, and who the client is.
struct ServerDoors: Sendable {
    let limiter: RateLimiter
    let inFlight: InFlightLimit
    let credentials: CredentialGate
    let tenants: TenantDirectory
    let readiness: ReadinessProbe
    let clientAddress: ClientAddress

    init(host: KlageHost) {
        let limits = host.configuration.limits
        limiter = RateLimiter(limits: limits)
        inFlight = InFlightLimit(maximum: limits.maxRequestsInFlight)
        credentials = CredentialGate(limits: limits)
        let store = host.store
        tenants = TenantDirectory { try await store.allTenants() }
        readiness = ReadinessProbe { await store.driver.ping() }
        clientAddress = ClientAddress(trusted: host.configuration.trustedProxyBlocks)
    }

    /// The refusal of a request over the host's in-flight cap.
    static let overloaded = RPCError.rateLimited(retryAfterSeconds: 1, message: "The server is at its limit of requests in flight; retry later")

    /// The refusal of a credential from an address that has presented too many unknown ones.
    func tooManyFailedCredentials(for address: String) -> RPCError {
        .rateLimited(
            retryAfterSeconds: credentials.retryAfter(for: address),
            message: "Too many unknown keys or sessions from this address; retry later")
    }
}
