/// Checks the audit chains: each tenant's, and the host's. Appending to them is part of every write
/// that stores an event, records a read, or changes a key or a tenant, never a separate call.
public protocol AuditStore: Sendable {
    /// Checks every link of `tenant`'s chain, the chain against its stored head, each entry's digest
    /// against its source row where that row still exists (a read pruned by retention is checked by
    /// its links only), and, given an `anchor` exported earlier, that the entry at its `seq` still has its hash.
    func verifyAudit(tenant: TenantID, anchor: AuditAnchor?) async throws -> AuditVerification
    /// Checks every link of the host's chain, the chain against its head, and `anchor` as above.
    func verifyHostAudit(anchor: AuditAnchor?) async throws -> HostAuditVerification
    /// The heads of every chain, the host's first, then each tenant's by id (`seq` 0 for an empty chain).
    func auditAnchors() async throws -> [AuditAnchor]
}

extension AuditStore {
    /// Checks `tenant`'s chain without an anchor.
    public func verifyAudit(tenant: TenantID) async throws -> AuditVerification {
        try await verifyAudit(tenant: tenant, anchor: nil)
    }
}
