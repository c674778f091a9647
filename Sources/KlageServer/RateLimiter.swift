import KlageKernel
public import KlageRPC

/// Per-key and per-address token buckets in front of the dispatcher: every request of a body (each
/// batch element) takes its ``RequestCost`` from its caller's bucket, or is answered -32029 with
/// `data.retryAfterSeconds`.
///
/// A request with a valid key draws on that key's bucket only, so a busy integration never starves
/// another key at the same address. A request without one (no key, or one that failed) draws on its
/// client address's bucket, which is stricter: nobody is accountable for it, and it must not be able
/// to keep the database busy (`system.health` reads it). Buckets are bounded in memory (see
/// ``TokenBuckets``); no key secret or personal data is kept, only key ids and addresses.
public final class RateLimiter: Sendable {
    private let limits: ServerLimits
    private let keys: TokenBuckets?
    private let addresses: TokenBuckets?

    public init(limits: ServerLimits) {
        self.limits = limits
        keys =
            limits.keyRequestsPerSecond > 0
            ? TokenBuckets(rate: limits.keyRequestsPerSecond, burst: limits.keyBurst, capacity: limits.maxTrackedClients) : nil
        addresses =
            limits.anonymousRequestsPerSecond > 0
            ? TokenBuckets(rate: limits.anonymousRequestsPerSecond, burst: limits.anonymousBurst, capacity: limits.maxTrackedClients) : nil
    }

    /// `nil` to serve `call` from `address` now, else the -32029 error to answer it with.
    public func admit(_ call: RPCCall, address: String) -> RPCError? {
        let cost = RequestCost.of(call, limits: limits)
        let wait: Int?
        if let actor = call.actor {
            wait = keys?.take(cost, for: actor.id)
        } else {
            wait = addresses?.take(cost, for: address)
        }
        guard let wait else { return nil }
        return .rateLimited(
            retryAfterSeconds: wait,
            message: call.actor == nil
                ? "Rate limited: too many requests without a key from this address" : "Rate limited: too many requests for this key")
    }

    /// The admission for one HTTP request from `address`.
    public func admission(address: String) -> RPCAdmission {
        { call in self.admit(call, address: address) }
    }
}
