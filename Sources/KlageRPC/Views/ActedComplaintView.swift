public import Foundation
public import KlageKernel

/// What `complaint.act` returns: the complaint as ``ComplaintView`` shows it, and, only on the response
/// to the action that closed it in a tenant with `surveyAtClosing`, the survey issued: `survey: {token, expiresAt}`.
///
/// The token is shown here once; it is stored only as a hash, and never in events or logs.
public struct ActedComplaintView: Encodable, Sendable {
    let complaint: ComplaintView
    let survey: SurveyTokenView?

    public init(_ result: ActionResult, now: Date, for viewer: Principal) {
        complaint = ComplaintView(result.complaint, now: now, for: viewer)
        survey = result.survey.map { SurveyTokenView(token: $0.token, expiresAt: $0.expiresAt) }
    }

    private enum CodingKeys: String, CodingKey { case survey }

    /// Encodes the complaint's members, and `survey` beside them when one was issued.
    public func encode(to encoder: any Encoder) throws {
        try complaint.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(survey, forKey: .survey)
    }
}

extension ActedComplaintView: WireSample {
    public static let sample = ActedComplaintView(complaint: .sample, survey: .sample)

    private init(complaint: ComplaintView, survey: SurveyTokenView?) {
        self.complaint = complaint
        self.survey = survey
    }
}
