public import Foundation

extension Complaint {
    /// The complaint with its personal data gone: the citizen, the subject, description and remedy, and
    /// the free text of its fields. Dates, states, outcome, channel, track, department, assignee,
    /// hand-offs and clocks stay, so every report figure is unchanged.
    public func anonymised(at now: Date) -> Complaint {
        var copy = self
        copy.citizen = .anonymised
        copy.subject = PersonalDataScrubber.marker
        copy.description = PersonalDataScrubber.marker
        copy.remedy = remedy.map { _ in PersonalDataScrubber.marker }
        copy.fields = PersonalDataScrubber.scrub(fields)
        copy.anonymisedAt = now
        copy.version = version + 1
        copy.updatedAt = now
        return copy
    }
}
