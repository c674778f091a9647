public import KlageKernel
import Synchronization

/// Counts the `/rpc/ws` connections open on this instance, per key and per tenant, and refuses one
/// over either cap, so that one key (or one tenant's keys together) cannot hold the host's
/// connections, memory and feed reads for itself.
public final class EventSocketLedger: Sendable {
    /// The most connections one key may hold.
    public let perKey: Int
    /// The most connections one tenant's keys may hold together.
    public let perTenant: Int
    private let counts = Mutex<(keys: [String: Int], tenants: [TenantID: Int])>(([:], [:]))

    init(perKey: Int, perTenant: Int) {
        self.perKey = max(perKey, 1)
        self.perTenant = max(perTenant, 1)
    }

    /// The connections open now for `key` (a key's id).
    public func open(key: String) -> Int {
        counts.withLock { $0.keys[key] ?? 0 }
    }

    /// The connections open now for `tenant`.
    public func open(tenant: TenantID) -> Int {
        counts.withLock { $0.tenants[tenant] ?? 0 }
    }

    /// Counts a new connection of `key` (a key's id) of `tenant`, or answers why it is refused
    /// (a close reason for the client); a counted connection must be ``release(key:tenant:)``d.
    func admit(key: String, tenant: TenantID) -> String? {
        counts.withLock { counts in
            if counts.keys[key, default: 0] >= perKey { return "too many connections for this key (at most \(perKey))" }
            if counts.tenants[tenant, default: 0] >= perTenant { return "too many connections for this tenant (at most \(perTenant))" }
            counts.keys[key, default: 0] += 1
            counts.tenants[tenant, default: 0] += 1
            return nil
        }
    }

    /// Forgets a connection counted by ``admit(key:tenant:)``.
    func release(key: String, tenant: TenantID) {
        counts.withLock { counts in
            counts.keys[key] = counts.keys[key].flatMap { $0 > 1 ? $0 - 1 : nil }
            counts.tenants[tenant] = counts.tenants[tenant].flatMap { $0 > 1 ? $0 - 1 : nil }
        }
    }
}
