public import Foundation
public import KlageKernel

/// What `complaint.act` returns: the complaint as ``ComplaintView`` shows it, and, only on the response
/// to the action that closed it in a tenant with `surveyAtClosing`, the survey issued: `survey: {token, expiresAt}`.
///
/// The token is shown here once; it is stored only as a hash, and never in events or logs.
public struct ActedComplaintView: Encodable, Sendable {
    /// The survey issued at closing, as `survey.issue` shows one.
    struct SurveyView: Encodable, Sendable {
        let token: String
        let expiresAt: String
    }

    let complaint: ComplaintView
    let survey: SurveyView?

    public init(_ result: ActionResult, now: Date, for viewer: Principal) {
        complaint = ComplaintView(result.complaint, now: now, for: viewer)
        survey = result.survey.map { SurveyView(token: $0.token, expiresAt: Timestamp.format($0.expiresAt)) }
    }

    /// Encodes the complaint's members, and `survey` beside them when one was issued.
    public func encode(to encoder: any Encoder) throws {
        try complaint.encode(to: encoder)
        guard let survey else { return }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(survey, forKey: .survey)
    }

    enum CodingKeys: String, CodingKey { case survey }

    /// The OpenRPC schema: the complaint's, with the optional `survey`.
    static let schema = ComplaintView.extendedSchema([
        "survey": .object(["token": .string, "expiresAt": .dateTime], required: ["token", "expiresAt"])
    ])
}
