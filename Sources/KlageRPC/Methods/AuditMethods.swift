public import KlageKernel

/// `audit.verify`: checks tenants' tamper-evident audit chains (host operators only).
public enum AuditVerify: RPCMethod {
    public struct Params: Decodable, Sendable {
        let tenant: TenantID?
    }
    /// One verification per tenant checked, and whether every chain is intact.
    public struct Result: Encodable, Sendable {
        let intact: Bool
        let tenants: [AuditVerification]
    }
    public static let name = "audit.verify"
    public static let summary =
        "Checks the audit chain of one tenant (or of every tenant): the links, the head, and each entry's digest against its source row "
        + "where that still exists. Each problem names the entry's seq."
    public static let access = RPCAccess.hostOperator
    public static let params = [RPCParam("tenant", .string, "omit to check every tenant")]
    public static let result = RPCSchema.object(
        [
            "intact": .boolean,
            "tenants": .array(
                .object(
                    [
                        "tenant": .string, "intact": .boolean, "entries": .integer(minimum: 0), "headSeq": .integer(minimum: 0),
                        "headHash": .string, "digestsChecked": .integer(minimum: 0),
                        "problems": .array(.object(["seq": .integer(minimum: 0), "message": .string], required: ["seq", "message"])),
                    ], required: ["tenant", "intact", "entries", "headSeq", "headHash", "digestsChecked", "problems"])),
        ], required: ["intact", "tenants"])
}

extension RPCServices {
    func registerAuditMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(AuditVerify.self) { params, _ in
            let ids: [TenantID]
            if let tenant = params.tenant {
                ids = [try await tenants.get(tenant).id]
            } else {
                ids = try await tenants.list().map(\.id)
            }
            var results: [AuditVerification] = []
            for id in ids { results.append(try await env.store.verifyAudit(tenant: id)) }
            return .init(intact: results.allSatisfy(\.intact), tenants: results)
        }
    }
}
