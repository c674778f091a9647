public import Foundation

/// One-time satisfaction surveys: issued for a closed complaint, answered once without an API key.
public struct SurveyService: Sendable {
    private let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// Issues the survey of a closed complaint; the token is returned here only.
    ///
    /// - Throws: conflict when the complaint is open or has a survey already; not found for another tenant's id.
    public func issue(for complaintId: ComplaintID, in tenant: Tenant, by actor: Principal) async throws -> (token: String, expiresAt: Date) {
        let complaint = try await ComplaintService(env).get(complaintId, in: tenant, by: actor)
        guard complaint.closedAt != nil else { throw KlageError.conflict("a survey is issued when the complaint is closed") }
        let token = "srv_" + SecretToken.make()
        let now = env.clock.now()
        let days = TenantSettings.value(TenantSettings.surveyValidDays, in: tenant.settings)
        let expiresAt = now.addingTimeInterval(Double(days) * 86_400)
        let survey = Survey(tenant: tenant.id, complaintId: complaint.id, tokenHash: env.hashSecret(token), issuedAt: now, expiresAt: expiresAt)
        let events = [
            env.event(.surveyIssued, complaint: complaint.id, tenant: tenant.id, actor: actor, at: now, summary: "Satisfaction survey issued")
        ]
        try await env.store.insertSurvey(survey, events: events)
        await env.publish(events, tenant: tenant, actor: actor)
        return (token, expiresAt)
    }

    /// Records the citizen's answer: a score from 1 to 5 and an optional comment about the process.
    ///
    /// - Throws: not found for an unknown token; conflict when used or expired; validation for a bad score.
    public func submit(token: String, score: Int, comment: String?) async throws {
        guard (1...5).contains(score) else { throw KlageError.validation(field: "score", reason: "must be a whole number from 1 to 5") }
        let comment = try Validate.optionalText(comment, field: "comment", max: 2_000)
        if let comment { try Validate.freeOfPersonalData(comment, field: "comment") }
        guard token.count < 100, let survey = try await env.store.survey(tokenHash: env.hashSecret(token)) else {
            throw KlageError.notFound("survey")
        }
        let now = env.clock.now()
        guard survey.submittedAt == nil else { throw KlageError.conflict("this survey has been answered already") }
        guard now <= survey.expiresAt else { throw KlageError.conflict("this survey has expired") }
        guard try await env.store.submitSurvey(tokenHash: survey.tokenHash, score: score, comment: comment, at: now) else {
            throw KlageError.conflict("this survey has been answered already")
        }
    }
}

/// Random secrets for API keys and survey tokens: 256 bits from the system's secure source, URL-safe.
public enum SecretToken {
    /// 43 URL-safe characters.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
