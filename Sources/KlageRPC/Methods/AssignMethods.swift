public import KlageKernel

/// `complaint.assign`: sets who is responsible for a complaint; a change away from a department or
/// assignee that was set is a hand-off, counted in `handoffs` and shown on the journey.
public enum ComplaintAssign: TenantMethod {
    public struct Params: Decodable, Sendable {
        let id: ComplaintID
        let version: Int
        let department: String?
        let assignee: String?
    }
    public typealias Result = ComplaintView
    public static let name = "complaint.assign"
    public static let summary =
        "Sets the responsible department, assignee or both; changing one that was set is a hand-off (handoffs + 1, complaint.handedOff "
        + "on the journey). The first assignment is not a hand-off, and assigning the current values changes nothing."
    public static let roles: Set<Role> = [.caseworker]
    public static let params = [
        RPCParam("id", .string, required: true), RPCParam("version", .integer(minimum: 1), required: true),
        RPCParam("department", .string, "the responsible department, at most 100 characters; left out, it stays"),
        RPCParam(
            "assignee", .string,
            "the responsible caseworker's id (a key id or the case system's id, no personal data), at most 100 characters; left out, it stays"),
    ]
    public static let result = RPCSchema.ref("Complaint")
}

extension RPCServices {
    func registerAssignMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(ComplaintAssign.self) { params, context in
            let complaint = try await complaints.assign(
                params.id, version: params.version, department: params.department, assignee: params.assignee, in: context.tenant,
                by: context.actor)
            return ComplaintView(complaint, now: now, for: context.actor)
        }
    }
}
