public import KlageKernel

/// The audit chains' verification and anchors; appends happen where events, reads, keys and tenants are written.
extension SQLKlageStore: AuditStore {
    public func verifyAudit(tenant: TenantID, anchor: AuditAnchor?) async throws -> AuditVerification {
        let oneSnapshot = driver.dialect == .postgres
        return try await read(tenant) { connection in
            if oneSnapshot { try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ") }
            var verifier = AuditVerifier(tenant: tenant, anchor: anchor)
            return try verifier.verify(on: connection)
        }
    }

    public func verifyHostAudit(anchor: AuditAnchor?) async throws -> HostAuditVerification {
        let oneSnapshot = driver.dialect == .postgres
        return try await read(nil) { connection in
            if oneSnapshot { try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ") }
            return try HostAuditVerifier(anchor: anchor).verify(on: connection)
        }
    }

    /// The host's head, then every tenant's (an empty chain as `seq` 0 and the genesis hash), read in one snapshot.
    public func auditAnchors() async throws -> [AuditAnchor] {
        let oneSnapshot = driver.dialect == .postgres
        return try await read(nil) { connection in
            if oneSnapshot { try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ") }
            let host = try connection.queryFirst("SELECT seq, hash FROM host_audit_head WHERE id = \(1)")
            var anchors = [
                AuditAnchor(chain: AuditAnchor.hostChain, seq: try host?.int("seq") ?? 0, hash: try host?.string("hash") ?? AuditEntry.genesis)
            ]
            let rows = try connection.query(
                "SELECT t.id AS tenant_id, h.seq, h.hash FROM tenants t LEFT JOIN audit_heads h ON h.tenant_id = t.id ORDER BY t.id")
            for row in rows {
                anchors.append(
                    AuditAnchor(
                        chain: try row.string("tenant_id"), seq: row.optionalString("hash") == nil ? 0 : try row.int("seq"),
                        hash: row.optionalString("hash") ?? AuditEntry.genesis))
            }
            return anchors
        }
    }
}
