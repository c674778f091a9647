import KlageKernel

extension ReportCell {
    /// The counts and sums a cell keeps. A cell stores them in this order: adding, removing or moving
    /// one changes ``ReportCell/layout``, and every stored cell is then computed again at start-up.
    ///
    /// A new figure's counter is a case here, what a complaint adds to it in ``ReportCell/add(_:)``,
    /// and the figure computed from it in ``EvidenceFigures``.
    public enum Counter: Int, CaseIterable, Sendable {
        case received
        case closed
        /// Closed as withdrawn or resolved: the complaint procedure stopped by dialogue.
        case stoppedByDialogue
        /// Closed with a decision (upheld, partly upheld, rejected) or forwarded: continued formally.
        case continuedFormally
        case appeals
        /// Appeals forwarded to the appeals board.
        case appealsForwarded
        /// First-contact clocks that were met or recorded as missed.
        case firstContactDecided
        /// First-contact clocks met by their due time (to the whole second) and never recorded as missed,
        /// by whatever contact met them (a letter on the written route included).
        case firstContactInTime
        case failedCallAttempts
        case staffMinutes
        /// Complaints with any staff time recorded (the mean is over these).
        case withStaffTime
        case handoffs
        /// Complaints where the citizen said whether they want a written answer.
        case writtenAnswerAsked
        /// Of those, the citizens who want one.
        case wantsWrittenAnswer
        case escalated
        case surveysIssued
        case surveysAnswered
        case scoreSum
        /// Closed as withdrawn by the citizen (part of ``stoppedByDialogue``).
        case withdrawn
        /// Answers per score, 1 to 5 (``ReportCell/scores``).
        case score1, score2, score3, score4, score5
        /// Complaints whose citizen was reached in a two-way conversation (an oral contact kind).
        case conversations
        /// Of those, reached within 24 hours of receipt: the methods' promise.
        case conversationsWithin24Hours
        /// Of those, reached by the first-contact clock's due time: the tenant's own deadline.
        case conversationsWithinDeadline
        /// Complaints whose first-contact clock was met in writing before any conversation: the written route.
        case firstContactInWriting

        /// The counter of the answers with `score` (1 to 5).
        static func score(_ score: Int) -> Counter {
            Counter(rawValue: Counter.score1.rawValue + score - 1) ?? .score1
        }
    }
}
