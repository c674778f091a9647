public import KlageKernel

/// `pulse.submit`: one anonymous answer to the staff pulse.
///
/// Nothing of the caller is kept: not the key's id, not the time (the day only, Copenhagen time), and
/// the request log carries the method, tenant, code and timing only, as for every method.
public enum PulseSubmit: TenantMethod {
    public struct Params: Decodable, Sendable {
        let department: String
        let score: Int
    }
    public struct Result: Encodable, Sendable { let thanks: Bool }
    public static let name = "pulse.submit"
    public static let summary =
        "Answers the anonymous staff pulse: how satisfied you are with how complaints are handled, 1 to 5. Stores the department, "
        + "score and day only, never who answered."
    public static let roles: Set<Role> = [.caseworker]
    public static let params = [
        RPCParam("department", .string, required: true, "the answering member's department, at most 100 characters"),
        RPCParam("score", .integer(minimum: 1, maximum: 5), required: true),
    ]
    public static let result = RPCSchema.object(["thanks": .boolean], required: ["thanks"])
}

extension RPCServices {
    func registerPulseMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(PulseSubmit.self) { params, context in
            try await StaffPulseService(env).submit(department: params.department, score: params.score, in: context.tenant)
            return .init(thanks: true)
        }
    }
}
