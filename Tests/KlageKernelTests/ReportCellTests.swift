import Foundation
import Testing

@testable import KlageKernel
@testable import KlageReports

/// The per-day figures a report adds up: counting a complaint, merging, storing as text, and the
/// medians and percentiles of the minute histograms.
@Suite struct ReportCellTests {
    static let received = Timestamp.parse("2026-03-02T09:00:00Z")!

    func complaint(outcome: Outcome?, track: ComplaintTrack = .dissatisfaction, metAfterHours: Double?, missed: Bool = false) -> Complaint {
        var deadline = Deadline(name: "firstContact", dueAt: Self.received.addingTimeInterval(86_400), warnAt: nil, working: false)
        deadline.startedAt = Self.received
        deadline.metAt = metAfterHours.map { Self.received.addingTimeInterval($0 * 3600) }
        if missed { deadline.missedAt = Self.received.addingTimeInterval(86_400) }
        return Complaint(
            id: "c", tenant: "t", workflowVersion: 1, state: outcome == nil ? "open" : "closed",
            intake: NewComplaint(
                workflow: "w", track: track, channel: .phone, subject: "s", description: "d", citizen: Citizen(name: "n"), department: "Teknik",
                fields: outcome == .withdrawn ? ["citizenConsent": true, "wantsWrittenAnswer": false] : [:]),
            receivedAt: Self.received, deadlines: [deadline], outcome: outcome, createdAt: Self.received,
            updatedAt: Self.received, closedAt: outcome == nil ? nil : Self.received.addingTimeInterval(2 * 86_400), handoffs: 2)
    }

    @Test func aCellCountsEachFigureAndSurvivesStorage() {
        var cell = ReportCell()
        cell.add(
            ComplaintFacts(
                complaint: complaint(outcome: .withdrawn, metAfterHours: 2), failedCallAttempts: 1, staffMinutes: 30, surveyIssued: true,
                surveyScore: 4, firstConversationAt: Self.received.addingTimeInterval(2 * 3600)))
        cell.add(
            ComplaintFacts(
                complaint: complaint(outcome: .forwarded, track: .appeal, metAfterHours: 30, missed: true), failedCallAttempts: 0, staffMinutes: 0,
                surveyIssued: false, surveyScore: nil, firstConversationAt: Self.received.addingTimeInterval(30 * 3600)))
        cell.add(
            ComplaintFacts(
                complaint: complaint(outcome: nil, metAfterHours: nil, missed: true), failedCallAttempts: 2, staffMinutes: 15, surveyIssued: false,
                surveyScore: nil))
        #expect(cell[.received] == 3)
        #expect(cell[.closed] == 2)
        #expect(cell[.stoppedByDialogue] == 1)
        #expect(cell[.withdrawn] == 1)
        #expect(cell[.continuedFormally] == 1)
        #expect(cell[.appeals] == 1)
        #expect(cell[.appealsForwarded] == 1)
        #expect(cell[.firstContactDecided] == 3)
        #expect(cell[.firstContactInTime] == 1)
        #expect(cell[.failedCallAttempts] == 3)
        #expect(cell[.staffMinutes] == 45)
        #expect(cell[.withStaffTime] == 2)
        #expect(cell[.handoffs] == 6)
        #expect(cell[.writtenAnswerAsked] == 1)
        #expect(cell[.wantsWrittenAnswer] == 0)
        #expect(cell[.surveysIssued] == 1)
        #expect(cell.scores == [0, 0, 0, 1, 0])
        #expect(cell.hoursToFirstContact.counts == [120: 1, 1_800: 1])
        #expect(cell[.conversations] == 2)
        #expect(cell[.conversationsWithin24Hours] == 1)
        #expect(cell[.conversationsWithinDeadline] == 1)
        #expect(cell.missedByClock == ["firstContact": 2])
        #expect(ReportCell(encoded: cell.encoded) == cell)
        var twice = cell
        twice.merge(cell)
        #expect(twice[.received] == 6)
        #expect(twice.hoursToFirstContact.total == 4)
        #expect(ReportCell(encoded: twice.encoded) == twice)
    }

    @Test func mediansAndNinetiethPercentilesAreExactToTheMinute() {
        var histogram = Histogram()
        #expect(histogram.median == nil)
        for minutes in [10.0, 20, 30, 40] { histogram.add(seconds: minutes * 60) }
        #expect(histogram.median == 25)
        #expect(histogram.p90 == 40)
        histogram.add(seconds: 50 * 60 + 29)
        #expect(histogram.median == 30)
        #expect(Histogram(encoded: Substring(histogram.encoded)) == histogram)
    }

    @Test func aPeriodSplitsIntoWholeDaysAndPartialEdges() {
        let from = Timestamp.parse("2026-03-01T23:00:00Z")!  // midnight in Copenhagen
        let to = Timestamp.parse("2026-03-04T12:00:00Z")!
        let (days, edges) = ReportDay.split(from: from, to: to)
        #expect(days.count == 2)
        #expect(ReportDay.start(days.lowerBound) == from)
        #expect(edges.count == 1)
        #expect(edges[0].from == Timestamp.parse("2026-03-03T23:00:00Z")!)
        #expect(edges[0].to == to)
        let inside = ReportDay.split(from: from.addingTimeInterval(3600), to: from.addingTimeInterval(7200))
        #expect(inside.days.isEmpty)
        #expect(inside.edges.count == 1)
    }

    @Test func longDurationsShareLogarithmicBucketsAndStayWithinABucketsSpan() {
        // Five years of closing times, one per 17 minutes: a fixed number of buckets, whatever the count.
        var histogram = Histogram()
        var values: [Int] = []
        for minute in stride(from: 0, to: 5 * 366 * 1_440, by: 17) {
            histogram.add(seconds: Double(minute) * 60)
            values.append(minute)
        }
        #expect(histogram.total == values.count)
        #expect(histogram.counts.count < 1_100)
        #expect(histogram.encoded.split(separator: " ").count == histogram.counts.count)
        let exactMedian = Double(values[values.count / 2])
        let exactP90 = Double(values[Int((Double(values.count) * 0.9).rounded(.up)) - 1])
        #expect(abs((histogram.median ?? 0) - exactMedian) <= exactMedian / 64)
        #expect(abs((histogram.p90 ?? 0) - exactP90) <= exactP90 / 64)
        // Equal values are exact at any length, and a bucket never mixes values more than 1/64 apart.
        var days = Histogram()
        for _ in 0..<3 { days.add(seconds: 9 * 86_400) }
        days.add(seconds: 20 * 86_400)
        #expect(days.median == 9.0 * 1_440)
        for minute in [128, 1_000, 4_321, 86_400, 2_000_000] {
            let low = (minute...).first { Histogram.bucket(of: $0 + 1) != Histogram.bucket(of: minute) } ?? minute
            let high = (0...minute).reversed().first { Histogram.bucket(of: $0 - 1) != Histogram.bucket(of: minute) } ?? minute
            #expect(Double(low - high) <= Double(minute) / 64, "bucket of \(minute) spans \(high)...\(low)")
        }
        #expect(Histogram(encoded: Substring(histogram.encoded)) == histogram)
    }
}
