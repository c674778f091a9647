public import Foundation

/// The additive figures of a set of complaints: counts and sums that merge by adding, and histograms
/// for medians and percentiles. One cell is stored per day and group; a report adds the cells of its
/// period.
public struct ReportCell: Sendable, Hashable {
    public var received = 0
    public var closed = 0
    /// Closed as withdrawn or resolved: the complaint procedure stopped by dialogue.
    public var stoppedByDialogue = 0
    /// Closed as withdrawn by the citizen (part of ``stoppedByDialogue``).
    public var withdrawn = 0
    /// Closed with a decision (upheld, partly upheld, rejected) or forwarded: continued formally.
    public var continuedFormally = 0
    public var appeals = 0
    /// Appeals forwarded to the appeals board.
    public var appealsForwarded = 0
    /// First-contact clocks that were met or recorded as missed.
    public var firstContactDecided = 0
    /// First-contact clocks met by their due time (to the whole second) and never recorded as missed,
    /// by whatever contact met them (a letter on the written route included).
    public var firstContactInTime = 0
    /// Complaints whose citizen was reached in a two-way conversation (an oral contact kind).
    public var conversations = 0
    /// Of those, reached within 24 hours of receipt: the methods' promise.
    public var conversationsWithin24Hours = 0
    /// Of those, reached by the first-contact clock's due time: the tenant's own deadline.
    public var conversationsWithinDeadline = 0
    /// Complaints whose first-contact clock was met in writing before any conversation: the written route.
    public var firstContactInWriting = 0
    public var failedCallAttempts = 0
    public var staffMinutes = 0
    /// Complaints with any staff time recorded (the mean is over these).
    public var withStaffTime = 0
    public var handoffs = 0
    /// Complaints where the citizen said whether they want a written answer, and those who want one.
    public var writtenAnswerAsked = 0
    public var wantsWrittenAnswer = 0
    public var escalated = 0
    public var surveysIssued = 0
    public var surveysAnswered = 0
    public var scoreSum = 0
    /// Answers per score, 1 to 5.
    public var scores = [0, 0, 0, 0, 0]
    /// The time from receipt to the first two-way conversation.
    public var hoursToFirstContact = Histogram()
    /// The time from receipt to closing.
    public var daysToClose = Histogram()
    /// Missed clocks, by the clock's name: escalations by clock, not one count over every clock.
    public var missedByClock: [String: Int] = [:]

    public init() {}

    /// Counts one complaint.
    public mutating func add(_ facts: ComplaintFacts) {
        let complaint = facts.complaint
        received += 1
        if complaint.closedAt != nil, let outcome = complaint.outcome {
            closed += 1
            if outcome.needsCitizenConsent { stoppedByDialogue += 1 } else { continuedFormally += 1 }
            if outcome == .withdrawn { withdrawn += 1 }
            if complaint.track == .appeal, outcome == .forwarded { appealsForwarded += 1 }
        }
        if let closedAt = complaint.closedAt { daysToClose.add(seconds: closedAt.timeIntervalSince(complaint.receivedAt)) }
        if complaint.track == .appeal { appeals += 1 }
        let clock = complaint.deadlines.first { $0.name == ComplaintFacts.firstContactDeadline }
        if let clock, clock.metAt != nil || clock.missedAt != nil {
            firstContactDecided += 1
            if let metAt = clock.metAt, !clock.isMissed(at: metAt) { firstContactInTime += 1 }
        }
        if let conversation = facts.firstConversationAt {
            let waited = conversation.timeIntervalSince(complaint.receivedAt)
            hoursToFirstContact.add(seconds: waited)
            conversations += 1
            if waited <= ComplaintFacts.promisedFirstContact { conversationsWithin24Hours += 1 }
            if let clock, conversation <= clock.dueAt { conversationsWithinDeadline += 1 }
        }
        if let metAt = clock?.metAt, facts.firstConversationAt.map({ $0 > metAt }) ?? true { firstContactInWriting += 1 }
        for deadline in complaint.deadlines where deadline.missedAt != nil { missedByClock[deadline.name, default: 0] += 1 }
        failedCallAttempts += facts.failedCallAttempts
        if facts.staffMinutes > 0 {
            staffMinutes += facts.staffMinutes
            withStaffTime += 1
        }
        handoffs += complaint.handoffs
        if let wants = KernelActionFields.wantsWrittenAnswer(complaint) {
            writtenAnswerAsked += 1
            if wants { wantsWrittenAnswer += 1 }
        }
        if complaint.escalatedAt != nil { escalated += 1 }
        if facts.surveyIssued { surveysIssued += 1 }
        if let score = facts.surveyScore, (1...5).contains(score) {
            surveysAnswered += 1
            scoreSum += score
            scores[score - 1] += 1
        }
    }

    /// Adds another cell.
    public mutating func merge(_ other: ReportCell) {
        var counters = self.counters
        for (index, value) in other.counters.enumerated() { counters[index] += value }
        self.counters = counters
        hoursToFirstContact.merge(other.hoursToFirstContact)
        daysToClose.merge(other.daysToClose)
        missedByClock.merge(other.missedByClock, uniquingKeysWith: +)
    }

    /// How many counters ``encoded`` writes: a stored cell with fewer was written by an older layout
    /// (migration 15 recomputes every stored cell).
    public static let counterCount = 28

    /// Every count and sum, in a fixed order (the storage format).
    var counters: [Int] {
        get {
            [
                received, closed, stoppedByDialogue, continuedFormally, appeals, appealsForwarded, firstContactDecided,
                firstContactInTime, failedCallAttempts, staffMinutes, withStaffTime, handoffs, writtenAnswerAsked, wantsWrittenAnswer,
                escalated, surveysIssued, surveysAnswered, scoreSum, withdrawn,
            ] + scores + [conversations, conversationsWithin24Hours, conversationsWithinDeadline, firstContactInWriting]
        }
        set {
            let value = { (index: Int) in index < newValue.count ? newValue[index] : 0 }
            (received, closed, stoppedByDialogue, continuedFormally) = (value(0), value(1), value(2), value(3))
            (appeals, appealsForwarded, firstContactDecided, firstContactInTime) = (value(4), value(5), value(6), value(7))
            (failedCallAttempts, staffMinutes, withStaffTime, handoffs) = (value(8), value(9), value(10), value(11))
            (writtenAnswerAsked, wantsWrittenAnswer, escalated, surveysIssued) = (value(12), value(13), value(14), value(15))
            (surveysAnswered, scoreSum, withdrawn) = (value(16), value(17), value(18))
            scores = (19..<24).map(value)
            (conversations, conversationsWithin24Hours, conversationsWithinDeadline, firstContactInWriting) = (
                value(24), value(25), value(26), value(27)
            )
        }
    }

    /// The cell as one line of text: counters, the two histograms, and the missed clocks
    /// (`name:count` separated by `,`), separated by `|`.
    public var encoded: String {
        let missed = missedByClock.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")
        return counters.map(String.init).joined(separator: ",") + "|" + hoursToFirstContact.encoded + "|" + daysToClose.encoded + "|"
            + missed
    }

    /// Adds a cell in its ``encoded`` form, without building it first: how reports merge stored cells.
    public mutating func merge(encoded: String) {
        var text = encoded
        text.withUTF8 { bytes in
            let parts = bytes.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
            var scanner = NumberScanner(parts.first ?? bytes[...])
            var counters = self.counters
            var index = 0
            while let value = scanner.next() {
                if index < counters.count { counters[index] += value } else { counters.append(value) }
                index += 1
            }
            self.counters = counters
            if parts.count > 1 { hoursToFirstContact.add(scanning: parts[1]) }
            if parts.count > 2 { daysToClose.add(scanning: parts[2]) }
            if parts.count > 3 {
                for entry in parts[3].split(separator: UInt8(ascii: ",")) {
                    let pair = entry.split(separator: UInt8(ascii: ":"))
                    guard pair.count == 2, let count = Int(String(decoding: pair[1], as: UTF8.self)) else { continue }
                    missedByClock[String(decoding: pair[0], as: UTF8.self), default: 0] += count
                }
            }
        }
    }

    /// Reads ``encoded``.
    public init(encoded: String) {
        self.init()
        merge(encoded: encoded)
    }
}
