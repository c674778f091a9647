public import KlageKernel

/// `complaint.retrack`: corrects a complaint's legal track, with a reason on the journey.
public enum ComplaintRetrack: TenantMethod {
    public struct Params: Decodable, Sendable {
        let id: ComplaintID
        let version: Int
        let track: ComplaintTrack
        let reason: String
    }
    public typealias Result = ComplaintView
    public static let name = "complaint.retrack"
    public static let summary =
        "Corrects the complaint's legal track (dissatisfaction or appeal); the reason, free of personal data, goes into the journey. "
        + "An appeal's forwarding deadline runs from the complaint's receipt."
    public static let roles: Set<Role> = [.caseworker]
    public static let params = [
        RPCParam("id", .string, required: true), RPCParam("version", .integer(minimum: 1), required: true),
        RPCParam("track", .oneOf(ComplaintTrack.allCases.map(\.rawValue)), required: true),
        RPCParam("reason", .string, required: true),
    ]
    public static let result = RPCSchema.ref("Complaint")
}

/// `complaint.preferWrittenContact`: records that the citizen asked for written contact, and why.
public enum ComplaintPreferWrittenContact: TenantMethod {
    public struct Params: Decodable, Sendable {
        let id: ComplaintID
        let version: Int
        let reason: WrittenContactReason
    }
    public typealias Result = ComplaintView
    public static let name = "complaint.preferWrittenContact"
    public static let summary =
        "Records that the citizen asked for written contact (cannot use the phone, abroad, declines calls, other): the written route opens, "
        + "and a letter, e-mail or Digital Post that reaches the citizen counts where a conversation would."
    public static let roles: Set<Role> = [.caseworker]
    public static let params = [
        RPCParam("id", .string, required: true), RPCParam("version", .integer(minimum: 1), required: true),
        RPCParam("reason", .oneOf(WrittenContactReason.allCases.map(\.rawValue)), required: true),
    ]
    public static let result = RPCSchema.ref("Complaint")
}

extension RPCServices {
    func registerTrackAndRouteMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(ComplaintRetrack.self) { params, context in
            ComplaintView(
                try await complaints.retrack(
                    params.id, version: params.version, track: params.track, reason: params.reason, in: context.tenant, by: context.actor),
                now: now, for: context.actor)
        }
        builder.register(ComplaintPreferWrittenContact.self) { params, context in
            ComplaintView(
                try await complaints.preferWrittenContact(
                    params.id, version: params.version, reason: params.reason, in: context.tenant, by: context.actor),
                now: now, for: context.actor)
        }
    }
}
