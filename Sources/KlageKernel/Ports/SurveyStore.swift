public import Foundation

/// Stores surveys by the hash of their token.
public protocol SurveyStore: Sendable {
    /// Inserts a survey with its events, in one transaction. - Throws: conflict when the complaint has one already.
    func insertSurvey(_ survey: Survey, events: [DomainEvent]) async throws
    /// The survey with this token hash, in any tenant (the citizen has no key).
    func survey(tokenHash: String) async throws -> Survey?
    /// Records the answer if the survey is still unanswered; returns whether it was.
    func submitSurvey(tokenHash: String, score: Int, comment: String?, at: Date) async throws -> Bool
}
