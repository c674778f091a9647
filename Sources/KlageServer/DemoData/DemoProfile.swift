import KlageKernel

/// How complaints go before and after a municipality adopts its method: the figures the demo data is
/// drawn from, chosen after the methods' published results (Copenhagen, Roskilde, Gladsaxe).
struct DemoProfile: Sendable {
    /// Of dissatisfaction complaints, the share closed by dialogue (withdrawn or resolved).
    let stoppedByDialogue: Double
    /// Calendar hours from receipt to the first conversation: median and spread (log-normal).
    let firstContactMedianHours: Double
    let firstContactSpread: Double
    /// Failed call attempts before the citizen is reached, as weighted counts.
    let failedAttempts: [(Int, Double)]
    /// Minutes of the first conversation, of a follow-up, of a letter, and of each effort entry (medians).
    let conversationMinutes: Double
    let followUpMinutes: Double
    let letterMinutes: Double
    let effortMinutes: Double
    /// Effort entries per complaint, as weighted counts.
    let effortEntries: [(Int, Double)]
    /// Internal hand-offs per complaint.
    let handoffs: ClosedRange<Int>
    /// Days from receipt to closing by dialogue, and by a formal decision (medians).
    let dialogueDays: Double
    let formalDays: Double
    /// Survey scores 1 to 5, weighted; staff pulse scores 1 to 5, weighted.
    let surveyScores: [(Int, Double)]
    let pulseScores: [(Int, Double)]
    /// The chance that a closed complaint gives a learning item.
    let learningChance: Double

    /// Before the method: slow call-backs, letters, many hand-offs.
    static let before = DemoProfile(
        stoppedByDialogue: 0.33, firstContactMedianHours: 30, firstContactSpread: 0.9,
        failedAttempts: [(0, 50), (1, 30), (2, 14), (3, 6)], conversationMinutes: 35, followUpMinutes: 25, letterMinutes: 45,
        effortMinutes: 35, effortEntries: [(0, 20), (1, 40), (2, 40)], handoffs: 6...9, dialogueDays: 14, formalDays: 45,
        surveyScores: [(1, 15), (2, 20), (3, 30), (4, 25), (5, 10)], pulseScores: [(1, 10), (2, 30), (3, 35), (4, 20), (5, 5)],
        learningChance: 0.006)

    /// After the method: a call within a working day, agreement, fewer hand-offs.
    static let after = DemoProfile(
        stoppedByDialogue: 0.57, firstContactMedianHours: 4, firstContactSpread: 1.2,
        failedAttempts: [(0, 70), (1, 20), (2, 10)], conversationMinutes: 30, followUpMinutes: 15, letterMinutes: 30,
        effortMinutes: 25, effortEntries: [(0, 60), (1, 40)], handoffs: 2...4, dialogueDays: 4, formalDays: 25,
        surveyScores: [(1, 4), (2, 7), (3, 15), (4, 38), (5, 36)], pulseScores: [(2, 5), (3, 20), (4, 50), (5, 25)],
        learningChance: 0.03)

    /// How appeals end: forwarded to the appeals board, changed fully in the citizen's favour, or withdrawn.
    static let appealOutcomes: [(Outcome, Double)] = [(.forwarded, 60), (.upheld, 28), (.withdrawn, 12)]
    /// How dissatisfaction complaints continued formally end.
    static let formalOutcomes: [(Outcome, Double)] = [(.rejected, 45), (.partlyUpheld, 30), (.upheld, 20), (.forwarded, 5)]
    /// The channels complaints arrive by.
    static let channels: [(Channel, Double)] = [
        (.phone, 34), (.email, 20), (.web, 20), (.digitalPost, 12), (.letter, 6), (.meeting, 5), (.other, 3),
    ]
    /// The share of complaints that are appeals of a decision.
    static let appealShare = 0.15
}
