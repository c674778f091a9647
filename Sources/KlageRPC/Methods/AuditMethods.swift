import KlageKernel

/// What `audit.verify` returns: one verification per tenant checked, and whether every chain is intact.
struct AuditVerifyView: WireSample {
    let intact: Bool
    let tenants: [AuditVerification]

    static let sample = AuditVerifyView(intact: true, tenants: [.sample])
}

extension RPCServices {
    /// `audit.verify`: checks tenants' tamper-evident audit chains (host operators only).
    var auditMethod: RPCMethod {
        let tenant = Field<TenantID?>("tenant", .text(max: 64), "omit to check every tenant")
        return RPCMethod(
            "audit.verify",
            summary:
                "Checks the audit chain of one tenant (or of every tenant): the links, the head, and each entry's digest against its source row "
                + "where that still exists. Each problem names the entry's seq.",
            access: .hostOperator, params: [tenant]
        ) { input, _ in
            let ids: [TenantID]
            if let tenant = input[tenant] {
                ids = [try await tenants.get(tenant).id]
            } else {
                ids = try await tenants.list().map(\.id)
            }
            var results: [AuditVerification] = []
            for id in ids { results.append(try await env.store.verifyAudit(tenant: id)) }
            return AuditVerifyView(intact: results.allSatisfy(\.intact), tenants: results)
        }
    }
}
