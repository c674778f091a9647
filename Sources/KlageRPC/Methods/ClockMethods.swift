import Foundation
import KlageKernel

/// A one-time survey token and when it expires, as `survey.issue` and `complaint.act` show it.
struct SurveyTokenView: WireSample {
    let token: String
    let expiresAt: Date

    static let sample = SurveyTokenView(token: "", expiresAt: .distantPast)
}

extension RPCServices {
    /// `complaint.pause`, `.resume` and `.reopen`: the complaint's clocks; `survey.issue` and `survey.submit`.
    var clockAndSurveyMethods: [RPCMethod] {
        let token = Field<String>("token", .text(max: 200))
        let score = Field<Int>("score", .integer(min: 1, max: 5))
        let comment = Field<String?>("comment", .text(max: 2_000))
        return [
            complaintChange(
                "complaint.pause",
                summary: "Pauses the complaint's running deadlines (e.g. waiting for the citizen); the reason goes into the journey.",
                params: [CoreParams.reason]
            ) { id, version, input, context in
                try await complaints.pause(id, version: version, reason: input[CoreParams.reason], in: context.tenant, by: context.actor)
            },
            complaintChange("complaint.resume", summary: "Resumes paused deadlines with the time they had left.") { id, version, _, context in
                try await complaints.resume(id, version: version, in: context.tenant, by: context.actor)
            },
            complaintChange(
                "complaint.reopen", summary: "Reopens a complaint closed as withdrawn or resolved, within the tenant's reopen window.",
                params: [CoreParams.reason]
            ) { id, version, input, context in
                try await complaints.reopen(id, version: version, reason: input[CoreParams.reason], in: context.tenant, by: context.actor)
            },
            RPCMethod(
                "survey.issue", summary: "Issues the one-time satisfaction survey of a closed complaint; the token is shown only here.",
                roles: [.caseworker, .integration], params: [CoreParams.complaintId]
            ) { input, context in
                let (token, expiresAt) = try await surveys.issue(for: input[CoreParams.complaintId], in: context.tenant, by: context.actor)
                return SurveyTokenView(token: token, expiresAt: expiresAt)
            },
            RPCMethod(
                "survey.submit",
                summary:
                    "Answers a satisfaction survey: a score from 1 to 5 and an optional comment about the process. No API key; one use per token.",
                access: .open, params: [token, score, comment]
            ) { input, _ in
                try await surveys.submit(token: input[token], score: input[score], comment: input[comment])
                return ThanksView(thanks: true)
            },
        ]
    }
}
