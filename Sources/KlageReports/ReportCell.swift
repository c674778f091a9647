import Foundation
import KlageKernel

/// The additive figures of a set of complaints: counts and sums that merge by adding, and histograms
/// for medians and percentiles. One cell is stored per day and group; a report adds the cells of its
/// period.
public struct ReportCell: Sendable, Hashable {
    /// Every ``Counter``, by its raw value.
    private var counters = [Int](repeating: 0, count: Counter.allCases.count)
    /// The time from receipt to the first two-way conversation.
    public var hoursToFirstContact = Histogram()
    /// The time from receipt to closing.
    public var daysToClose = Histogram()
    /// Missed clocks, by the clock's name: escalations by clock, not one count over every clock.
    public var missedByClock: [String: Int] = [:]

    public init() {}

    /// A count or sum.
    public subscript(_ counter: Counter) -> Int {
        get { counters[counter.rawValue] }
        set { counters[counter.rawValue] = newValue }
    }

    /// Answers per score, 1 to 5.
    public var scores: [Int] { (1...5).map { self[.score($0)] } }

    /// Counts one complaint.
    public mutating func add(_ facts: ComplaintFacts) {
        let complaint = facts.complaint
        self[.received] += 1
        if complaint.closedAt != nil, let outcome = complaint.outcome {
            self[.closed] += 1
            if outcome.needsCitizenConsent { self[.stoppedByDialogue] += 1 } else { self[.continuedFormally] += 1 }
            if outcome == .withdrawn { self[.withdrawn] += 1 }
            if complaint.track == .appeal, outcome == .forwarded { self[.appealsForwarded] += 1 }
        }
        if let closedAt = complaint.closedAt { daysToClose.add(seconds: closedAt.timeIntervalSince(complaint.receivedAt)) }
        if complaint.track == .appeal { self[.appeals] += 1 }
        let clock = complaint.deadlines.first { $0.name == ComplaintFacts.firstContactDeadline }
        if let clock, clock.metAt != nil || clock.missedAt != nil {
            self[.firstContactDecided] += 1
            if let metAt = clock.metAt, !clock.isMissed(at: metAt) { self[.firstContactInTime] += 1 }
        }
        if let conversation = facts.firstConversationAt {
            let waited = conversation.timeIntervalSince(complaint.receivedAt)
            hoursToFirstContact.add(seconds: waited)
            self[.conversations] += 1
            if waited <= ComplaintFacts.promisedFirstContact { self[.conversationsWithin24Hours] += 1 }
            if let clock, conversation <= clock.dueAt { self[.conversationsWithinDeadline] += 1 }
        }
        if let metAt = clock?.metAt, facts.firstConversationAt.map({ $0 > metAt }) ?? true { self[.firstContactInWriting] += 1 }
        for deadline in complaint.deadlines where deadline.missedAt != nil { missedByClock[deadline.name, default: 0] += 1 }
        self[.failedCallAttempts] += facts.failedCallAttempts
        if facts.staffMinutes > 0 {
            self[.staffMinutes] += facts.staffMinutes
            self[.withStaffTime] += 1
        }
        self[.handoffs] += complaint.handoffs
        if let wants = KernelActionFields.wantsWrittenAnswer(complaint) {
            self[.writtenAnswerAsked] += 1
            if wants { self[.wantsWrittenAnswer] += 1 }
        }
        if complaint.escalatedAt != nil { self[.escalated] += 1 }
        if facts.surveyIssued { self[.surveysIssued] += 1 }
        if let score = facts.surveyScore, (1...5).contains(score) {
            self[.surveysAnswered] += 1
            self[.scoreSum] += score
            self[.score(score)] += 1
        }
    }

    /// Adds another cell.
    public mutating func merge(_ other: ReportCell) {
        for index in counters.indices { counters[index] += other.counters[index] }
        hoursToFirstContact.merge(other.hoursToFirstContact)
        daysToClose.merge(other.daysToClose)
        missedByClock.merge(other.missedByClock, uniquingKeysWith: +)
    }

    /// How a cell is stored (``encoded``): its counters by name, in order, then its histograms and the
    /// missed clocks. The store records the layout its cells were written in, and computes every cell
    /// again when the build's layout differs.
    public static let layout =
        Counter.allCases.map { "\($0)" }.joined(separator: ",") + "|hoursToFirstContact:\(Histogram.layout)|daysToClose:\(Histogram.layout)"
        + "|missedByClock"

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
            var index = 0
            // A counter past the layout's is dropped: the cell was written in another layout, which the
            // store computes again at start-up.
            while let value = scanner.next(), index < counters.count {
                counters[index] += value
                index += 1
            }
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
