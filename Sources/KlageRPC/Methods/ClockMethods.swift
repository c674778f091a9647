public import KlageKernel

/// `complaint.pause`: pauses the complaint's clocks, e.g. while waiting for the citizen.
public enum ComplaintPause: TenantMethod {
    public struct Params: Decodable, Sendable {
        let id: ComplaintID
        let version: Int
        let reason: String
    }
    public typealias Result = ComplaintView
    public static let name = "complaint.pause"
    public static let summary = "Pauses the complaint's running deadlines (e.g. waiting for the citizen); the reason goes into the journey."
    public static let roles: Set<Role> = [.caseworker]
    public static let params = [
        RPCParam("id", .string, required: true), RPCParam("version", .integer(minimum: 1), required: true),
        RPCParam("reason", .string, required: true),
    ]
    public static let result = RPCSchema.ref("Complaint")
}

/// `complaint.resume`: resumes paused clocks with the time they had left.
public enum ComplaintResume: TenantMethod {
    public struct Params: Decodable, Sendable {
        let id: ComplaintID
        let version: Int
    }
    public typealias Result = ComplaintView
    public static let name = "complaint.resume"
    public static let summary = "Resumes paused deadlines with the time they had left."
    public static let roles: Set<Role> = [.caseworker]
    public static let params = [RPCParam("id", .string, required: true), RPCParam("version", .integer(minimum: 1), required: true)]
    public static let result = RPCSchema.ref("Complaint")
}

/// `complaint.reopen`: reopens a complaint closed by agreement, within the tenant's window.
public enum ComplaintReopen: TenantMethod {
    public struct Params: Decodable, Sendable {
        let id: ComplaintID
        let version: Int
        let reason: String
    }
    public typealias Result = ComplaintView
    public static let name = "complaint.reopen"
    public static let summary = "Reopens a complaint closed as withdrawn or resolved, within the tenant's reopen window."
    public static let roles: Set<Role> = [.caseworker]
    public static let params = [
        RPCParam("id", .string, required: true), RPCParam("version", .integer(minimum: 1), required: true),
        RPCParam("reason", .string, required: true),
    ]
    public static let result = RPCSchema.ref("Complaint")
}

/// `survey.issue`: issues the one-time satisfaction survey of a closed complaint.
public enum SurveyIssue: TenantMethod {
    public struct Params: Decodable, Sendable { let complaintId: ComplaintID }
    public struct Result: Encodable, Sendable {
        let token: String
        let expiresAt: String
    }
    public static let name = "survey.issue"
    public static let summary = "Issues the one-time satisfaction survey of a closed complaint; the token is shown only here."
    public static let roles: Set<Role> = [.caseworker, .integration]
    public static let params = [RPCParam("complaintId", .string, required: true)]
    public static let result = RPCSchema.object(["token": .string, "expiresAt": .dateTime], required: ["token", "expiresAt"])
}

/// `survey.submit`: the citizen's answer, with the one-time token and no API key.
public enum SurveySubmit: RPCMethod {
    public struct Params: Decodable, Sendable {
        let token: String
        let score: Int
        let comment: String?
    }
    public struct Result: Encodable, Sendable { let thanks: Bool }
    public static let name = "survey.submit"
    public static let summary =
        "Answers a satisfaction survey: a score from 1 to 5 and an optional comment about the process. No API key; one use per token."
    public static let access = RPCAccess.open
    public static let params = [
        RPCParam("token", .string, required: true), RPCParam("score", .integer(minimum: 1, maximum: 5), required: true),
        RPCParam("comment", .string),
    ]
    public static let result = RPCSchema.object(["thanks": .boolean], required: ["thanks"])
}

extension RPCServices {
    func registerClockAndSurveyMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(ComplaintPause.self) { params, context in
            return ComplaintView(
                try await complaints.pause(params.id, version: params.version, reason: params.reason, in: context.tenant, by: context.actor),
                now: now,
                for: context.actor)
        }
        builder.register(ComplaintResume.self) { params, context in
            return ComplaintView(
                try await complaints.resume(params.id, version: params.version, in: context.tenant, by: context.actor), now: now, for: context.actor)
        }
        builder.register(ComplaintReopen.self) { params, context in
            return ComplaintView(
                try await complaints.reopen(params.id, version: params.version, reason: params.reason, in: context.tenant, by: context.actor),
                now: now, for: context.actor)
        }
        builder.register(SurveyIssue.self) { params, context in
            let (token, expiresAt) = try await surveys.issue(for: params.complaintId, in: context.tenant, by: context.actor)
            return .init(token: token, expiresAt: Timestamp.format(expiresAt))
        }
        builder.register(SurveySubmit.self) { params, _ in
            try await surveys.submit(token: params.token, score: params.score, comment: params.comment)
            return .init(thanks: true)
        }
    }
}
