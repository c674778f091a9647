public import KlageKernel

/// The audit chain's verification; appends happen where events and reads are written.
extension SQLKlageStore: AuditStore {
    public func verifyAudit(tenant: TenantID) async throws -> AuditVerification {
        let oneSnapshot = driver.dialect == .postgres
        return try await read(tenant) { connection in
            if oneSnapshot { try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ") }
            var verifier = AuditVerifier(tenant: tenant)
            return try verifier.verify(on: connection)
        }
    }
}
