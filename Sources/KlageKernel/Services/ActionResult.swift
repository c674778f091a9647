public import Foundation

/// What a workflow action returns: the complaint after it, and the survey issued because it closed the complaint.
public struct ActionResult: Sendable {
    /// The complaint after the action.
    public let complaint: Complaint
    /// The satisfaction survey issued because this action closed the complaint and the tenant sets
    /// `surveyAtClosing`; `nil` otherwise, or when issuing failed (the close stands).
    public let survey: IssuedSurvey?

    public init(complaint: Complaint, survey: IssuedSurvey? = nil) {
        self.complaint = complaint
        self.survey = survey
    }
}

/// A survey just issued: its one-time token, shown to the caller once and stored only as a hash.
public struct IssuedSurvey: Sendable, Hashable {
    /// The one-time token the citizen answers with.
    public let token: String
    /// When the token stops working.
    public let expiresAt: Date

    public init(token: String, expiresAt: Date) {
        self.token = token
        self.expiresAt = expiresAt
    }
}

extension ComplaintService {
    /// Issues the satisfaction survey of a complaint that an action just closed, when the tenant sets
    /// `surveyAtClosing`. Never throws: the close stands whatever happens here, and a failure other
    /// than an existing survey (a complaint closed again after reopening) goes to ``ServiceEnvironment/followUpFailed``.
    func issueSurveyAtClosing(_ complaint: Complaint, in tenant: Tenant, by actor: Principal) async -> IssuedSurvey? {
        guard TenantSettings.surveyAtClosing.value(in: tenant.settings) else { return nil }
        do {
            let (token, expiresAt) = try await SurveyService(env).issue(for: complaint.id, in: tenant, by: actor)
            return IssuedSurvey(token: token, expiresAt: expiresAt)
        } catch let error as KlageError where error.code == .conflict {
            return nil
        } catch {
            env.followUpFailed("survey at closing", error)
            return nil
        }
    }
}
