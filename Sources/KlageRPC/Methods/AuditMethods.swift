import KlageKernel

/// What `audit.verify` returns: the host's chain, one verification per tenant checked, the anchored
/// chains that no longer exist, and whether every chain is intact.
struct AuditVerifyView: WireSample {
    let intact: Bool
    let host: HostAuditVerification
    let tenants: [AuditVerification]
    /// Chains named by an anchor given that are not on the host (a tenant removed from the database).
    let missingChains: [String]

    static let sample = AuditVerifyView(intact: true, host: .sample, tenants: [.sample], missingChains: [""])
}

extension RPCServices {
    /// `audit.verify`: checks the host's and tenants' tamper-evident audit chains (host operators only),
    /// against anchors exported earlier (`klage audit anchor`) when given.
    var auditMethod: RPCMethod {
        let tenant = Field<TenantID?>("tenant", .text(max: 64), "omit to check every tenant")
        let anchors = Field<[AuditAnchor]?>(
            "anchors",
            .list(
                .object([
                    FieldSpec("chain", .text(max: 64), required: true, "host, or a tenant's id"),
                    FieldSpec("seq", .integer(min: 0, max: Int.max), required: true),
                    FieldSpec("hash", .text(max: 64), required: true),
                ]), max: 100_000),
            "heads exported earlier by `klage audit anchor` (its `anchors`): the entry at each seq must still have that hash")
        return RPCMethod(
            "audit.verify",
            summary:
                "Checks the host's audit chain and that of one tenant (or of every tenant): the links, the head, each entry's digest against "
                + "its source row where that still exists, and the anchors given. Each problem names the entry's seq.",
            access: .hostOperator, params: [tenant, anchors]
        ) { input, _ in
            let given = try AuditAnchorParams.byChain(input[anchors] ?? [])
            let ids: [TenantID]
            if let tenant = input[tenant] {
                ids = [try await tenants.get(tenant).id]
            } else {
                ids = try await tenants.list().map(\.id)
            }
            let host = try await env.store.verifyHostAudit(anchor: given[AuditAnchor.hostChain])
            var results: [AuditVerification] = []
            for id in ids { results.append(try await env.store.verifyAudit(tenant: id, anchor: given[id.rawValue])) }
            let checked = Set(ids.map(\.rawValue) + [AuditAnchor.hostChain])
            let missing = input[tenant] == nil ? given.keys.filter { !checked.contains($0) }.sorted() : []
            return AuditVerifyView(
                intact: host.intact && results.allSatisfy(\.intact) && missing.isEmpty, host: host, tenants: results, missingChains: missing)
        }
    }
}

/// The anchors of `audit.verify`, checked: one per chain, a hash of 64 lower-case hex digits.
enum AuditAnchorParams {
    static func byChain(_ anchors: [AuditAnchor]) throws -> [String: AuditAnchor] {
        var byChain: [String: AuditAnchor] = [:]
        for (index, anchor) in anchors.enumerated() {
            let field = "anchors[\(index)]"
            guard anchor.seq >= 0 else { throw KlageError.validation(field: field + ".seq", reason: "must be 0 or more") }
            guard anchor.hash.count == 64, anchor.hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                throw KlageError.validation(field: field + ".hash", reason: "64 lower-case hex digits expected")
            }
            guard byChain.updateValue(anchor, forKey: anchor.chain) == nil else {
                throw KlageError.validation(field: field + ".chain", reason: "'\(anchor.chain)' is anchored twice")
            }
        }
        return byChain
    }
}
