import Foundation
public import KlageKernel

/// The figures of one group of complaints (or the whole tenant): everything the methods promise,
/// as DOMAIN.md and the evidence guide in the documentation catalog define each.
///
/// Every figure is always present; one that cannot be computed (no closed complaints, too few
/// answers) is `null`, so a chart never mistakes "none" for zero.
public struct EvidenceFigures: Sendable, Hashable, Encodable {
    /// The group's value (a department, workflow, channel or track); `null` for the whole.
    @ExplicitNull public var group: String?
    public var received: Int
    public var closed: Int
    /// Closed as withdrawn or resolved, and its share of all received (open ones included, with the
    /// open share beside it): the complaint procedure stopped by dialogue.
    public var stoppedByDialogue: Share
    /// Closed with a decision or forwarded, and its share of all received.
    public var continuedFormally: Share
    /// Closed as withdrawn by the citizen (part of stopped by dialogue).
    public var withdrawn: Int
    public var appeals: Appeals
    public var firstContact: FirstContact
    /// Days from receipt to closing over every complaint received, an open one counted at its age
    /// now (so the median is "at least" while ``Spread/openShare`` is large).
    public var daysToClose: Spread
    /// The complaints of the period still open now, and how old they are: a recent period's short
    /// times to close are not the whole story.
    public var backlog: Backlog
    public var staffTime: StaffTime
    /// Changes of the responsible department or caseworker, per complaint received.
    @ExplicitNull public var handoffsPerComplaint: Double?
    public var writtenAnswer: WrittenAnswer
    /// Complaints with a missed deadline escalated to a leader.
    public var escalated: Int
    /// Missed clocks by the clock's name (`firstContact`, `appealForwarding`, ...): escalations by clock.
    public var escalationsByClock: [String: Int]
    public var satisfaction: Satisfaction
    /// The staff pulse of the period; `null` figures when fewer than five answered.
    public var staffSatisfaction: StaffSatisfaction
    /// What was learned in the period; for the whole and per department.
    public var learning: Learning

    /// A count and its share of the complaints received, with the share still open beside it: a
    /// recent cohort's share is not final while many of its complaints are open.
    public struct Share: Sendable, Hashable, Encodable {
        public var count: Int
        @ExplicitNull public var share: Double?
        @ExplicitNull public var openShare: Double?
    }

    /// Appeals of decisions: received in the period; forwarded to the appeals board in the period (by
    /// the day forwarded, whenever received); and of those received, how many are forwarded so far.
    public struct Appeals: Sendable, Hashable, Encodable {
        public var received: Int
        public var forwarded: Int
        public var forwardedOfReceived: Share
    }

    /// The first two-way conversation (phone, meeting, video): how long it took, and the share of
    /// complaints received reached within 24 hours (the methods' promise) and within the tenant's own
    /// first-contact deadline. The written route (a letter after failed calls) is counted apart.
    public struct FirstContact: Sendable, Hashable, Encodable {
        @ExplicitNull public var medianHours: Double?
        @ExplicitNull public var p90Hours: Double?
        /// Complaints whose citizen was reached in a conversation.
        public var conversations: Int
        public var within24Hours: Share
        public var withinDeadline: Share
        /// First contact met in writing before any conversation.
        public var writtenRoute: Share
        @ExplicitNull public var failedCallAttemptsPerComplaint: Double?
    }

    /// A median and 90th percentile, with the share of the complaints still open.
    public struct Spread: Sendable, Hashable, Encodable {
        @ExplicitNull public var median: Double?
        @ExplicitNull public var p90: Double?
        @ExplicitNull public var openShare: Double?
    }

    /// The open backlog: how many, and their age in days now.
    public struct Backlog: Sendable, Hashable, Encodable {
        public var open: Int
        @ExplicitNull public var medianAgeDays: Double?
        @ExplicitNull public var p90AgeDays: Double?
    }

    /// Staff time: minutes on contacts and effort entries, per complaint received (whether or not
    /// anyone recorded time on it), with the share of complaints that have time recorded.
    public struct StaffTime: Sendable, Hashable, Encodable {
        public var totalMinutes: Int
        public var complaintsWithTime: Int
        @ExplicitNull public var recordedShare: Double?
        @ExplicitNull public var minutesPerComplaint: Double?
    }

    /// Citizens asked whether they want a written answer, and those who do.
    public struct WrittenAnswer: Sendable, Hashable, Encodable {
        public var asked: Int
        public var wanted: Int
        @ExplicitNull public var wantedShare: Double?
    }

    /// Citizens' satisfaction with the process: surveys issued and answered, mean and distribution (scores 1-5).
    public struct Satisfaction: Sendable, Hashable, Encodable {
        public var issued: Int
        public var answered: Int
        @ExplicitNull public var responseRate: Double?
        @ExplicitNull public var mean: Double?
        public var distribution: [Int]
    }

    /// Staff satisfaction from the anonymous pulse; `suppressed` when fewer than five answered.
    public struct StaffSatisfaction: Sendable, Hashable, Encodable {
        public var answers: Int
        public var suppressed: Bool
        @ExplicitNull public var mean: Double?
        /// Answers per score 1-5; `null` when suppressed.
        @ExplicitNull public var distribution: [Int]?
    }

    /// Learning items raised, routed to a department, turned into actions (accepted), done (implemented).
    public struct Learning: Sendable, Hashable, Encodable {
        public var raised: Int
        public var routed: Int
        public var turnedIntoActions: Int
        public var actionsDone: Int
        @ExplicitNull public var medianDaysToDone: Double?
    }
}

extension EvidenceFigures {
    /// The figures of no complaints: every count zero, every share and median `null`.
    public static let empty = EvidenceFigures(group: nil, cell: ReportCell(), backlog: Histogram(), forwarded: 0, pulses: [], learning: [])

    /// The figures of `cell`, with the backlog, appeals forwarded, pulses and learning items of the same group.
    init(group: String?, cell: ReportCell, backlog: Histogram, forwarded: Int, pulses: [Int], learning: [LearningFact]) {
        func share(_ part: Int, of whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
        func days(_ minutes: Double?) -> Double? { minutes.map { $0 / 1_440 } }
        func hours(_ minutes: Double?) -> Double? { minutes.map { $0 / 60 } }
        self.group = group
        received = cell[.received]
        closed = cell[.closed]
        let openShare = share(backlog.total, of: cell[.received])
        func cohort(_ count: Int, of whole: Int) -> Share { Share(count: count, share: share(count, of: whole), openShare: openShare) }
        stoppedByDialogue = cohort(cell[.stoppedByDialogue], of: cell[.received])
        continuedFormally = cohort(cell[.continuedFormally], of: cell[.received])
        withdrawn = cell[.withdrawn]
        appeals = Appeals(received: cell[.appeals], forwarded: forwarded, forwardedOfReceived: cohort(cell[.appealsForwarded], of: cell[.appeals]))
        let toFirstContact = cell.hoursToFirstContact.spread
        var everyComplaint = cell.daysToClose
        everyComplaint.merge(backlog)
        let toClose = everyComplaint.spread
        let age = backlog.spread
        firstContact = FirstContact(
            medianHours: hours(toFirstContact.median), p90Hours: hours(toFirstContact.p90), conversations: cell[.conversations],
            within24Hours: cohort(cell[.conversationsWithin24Hours], of: cell[.received]),
            withinDeadline: cohort(cell[.conversationsWithinDeadline], of: cell[.received]),
            writtenRoute: cohort(cell[.firstContactInWriting], of: cell[.received]),
            failedCallAttemptsPerComplaint: share(cell[.failedCallAttempts], of: cell[.received]))
        daysToClose = Spread(median: days(toClose.median), p90: days(toClose.p90), openShare: openShare)
        self.backlog = Backlog(open: backlog.total, medianAgeDays: days(age.median), p90AgeDays: days(age.p90))
        staffTime = StaffTime(
            totalMinutes: cell[.staffMinutes], complaintsWithTime: cell[.withStaffTime],
            recordedShare: share(cell[.withStaffTime], of: cell[.received]),
            minutesPerComplaint: share(cell[.staffMinutes], of: cell[.received]))
        handoffsPerComplaint = share(cell[.handoffs], of: cell[.received])
        writtenAnswer = WrittenAnswer(
            asked: cell[.writtenAnswerAsked], wanted: cell[.wantsWrittenAnswer],
            wantedShare: share(cell[.wantsWrittenAnswer], of: cell[.writtenAnswerAsked]))
        escalated = cell[.escalated]
        escalationsByClock = cell.missedByClock
        satisfaction = Satisfaction(
            issued: cell[.surveysIssued], answered: cell[.surveysAnswered], responseRate: share(cell[.surveysAnswered], of: cell[.surveysIssued]),
            mean: share(cell[.scoreSum], of: cell[.surveysAnswered]), distribution: cell.scores)
        let suppressed = pulses.count < StaffPulse.minimumGroup
        staffSatisfaction = StaffSatisfaction(
            answers: pulses.count, suppressed: suppressed,
            mean: suppressed ? nil : share(pulses.reduce(0, +), of: pulses.count),
            distribution: suppressed ? nil : (1...5).map { score in pulses.filter { $0 == score }.count })
        var toDone = Histogram()
        for item in learning where item.state == LearningWorkflow.implemented {
            toDone.add(seconds: item.updatedAt.timeIntervalSince(item.createdAt))
        }
        self.learning = Learning(
            raised: learning.count, routed: learning.filter { !$0.department.isEmpty }.count,
            turnedIntoActions: learning.filter { LearningWorkflow.actedOn.contains($0.state) }.count,
            actionsDone: toDone.total, medianDaysToDone: days(toDone.median))
    }
}
