public import KlageKernel

/// `effort.record`: staff time spent on a complaint outside its contacts.
public enum EffortRecord: TenantMethod {
    public struct Params: Decodable, Sendable {
        let complaintId: ComplaintID
        let minutes: Int
        let activity: String?
        let at: RPCTime?
    }
    public typealias Result = EffortEntry
    public static let name = "effort.record"
    public static let summary =
        "Records staff time spent on a complaint (reading, talking to colleagues, writing); also after closing. Shown on the journey."
    public static let roles: Set<Role> = [.caseworker]
    public static let params = [
        RPCParam("complaintId", .string, required: true), RPCParam("minutes", .integer(minimum: 1, maximum: 1_440), required: true),
        RPCParam("activity", .string, "what the time went to, at most 200 characters, no personal data"),
        RPCParam("at", .dateTime, "when the work was done; now by default; not in the future nor before the complaint was registered"),
    ]
    public static let result = RPCSchema.ref("Effort")
}

/// `effort.list`: the effort recorded on a complaint, oldest first.
public enum EffortList: TenantMethod {
    public struct Params: Decodable, Sendable { let complaintId: ComplaintID }
    public typealias Result = ItemsView<EffortEntry>
    public static let name = "effort.list"
    public static let summary = "The staff time recorded on a complaint, oldest first."
    public static let roles = Role.anyTenantRole
    public static let params = [RPCParam("complaintId", .string, required: true)]
    public static let result = ItemsView<EffortEntry>.schema("Effort")
}

extension RPCServices {
    func registerEffortMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(EffortRecord.self) { params, context in
            try await EffortService(env).record(
                on: params.complaintId, minutes: params.minutes, activity: params.activity, at: params.at?.date, in: context.tenant,
                by: context.actor)
        }
        builder.register(EffortList.self) { params, context in
            ItemsView(items: try await EffortService(env).list(of: params.complaintId, in: context.tenant))
        }
    }
}
