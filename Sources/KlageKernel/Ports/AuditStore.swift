/// Checks the tenant's tamper-evident audit chain; appending to it is part of every write that stores
/// an event or records a read, never a separate call.
public protocol AuditStore: Sendable {
    /// Checks every link of `tenant`'s chain, the chain against its stored head, and each entry's digest
    /// against its source row where that row still exists (a read pruned by retention is checked by its links only).
    func verifyAudit(tenant: TenantID) async throws -> AuditVerification
}
