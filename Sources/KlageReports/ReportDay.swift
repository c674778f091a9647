public import Foundation
import KlageKernel
import Synchronization

/// Days in Copenhagen time, numbered from 1 January 1970: the unit reports are materialised in.
///
/// A report over `[from, to)` reads the stored figures of every whole day inside the period and
/// computes the partial days at its edges from the complaints themselves.
public enum ReportDay {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? TimeZone(secondsFromGMT: 3600)!
        return calendar
    }()
    private static let epoch = calendar.startOfDay(for: Date(timeIntervalSince1970: 0))

    /// The day `date` falls on.
    ///
    /// Most dates asked about fall on the same day as the one before (today's writes), so the last day
    /// worked out is kept with its bounds: then no calendar arithmetic is done.
    public static func of(_ date: Date) -> Int {
        if let known = lastDay.withLock({ $0 }), known.start <= date, date < known.end { return known.day }
        let day = calendar.dateComponents([.day], from: epoch, to: calendar.startOfDay(for: date)).day ?? 0
        lastDay.withLock { $0 = (day, start(day), start(day + 1)) }
        return day
    }

    /// The last day ``of(_:)`` worked out, with the instants it starts and ends.
    private static let lastDay = Mutex<(day: Int, start: Date, end: Date)?>(nil)

    /// The instant day `day` begins (midnight in Copenhagen).
    public static func start(_ day: Int) -> Date {
        calendar.date(byAdding: .day, value: day, to: epoch) ?? epoch
    }

    /// The whole days inside `[from, to)`, and the partial stretches before and after them.
    public static func split(from: Date, to: Date) -> (days: Range<Int>, edges: [(from: Date, to: Date)]) {
        var first = of(from)
        if start(first) < from { first += 1 }
        let last = of(to)  // exclusive: the day `to` falls on is whole only if `to` is its start, and then it is outside
        guard first < last else { return (first..<first, [(from, to)]) }
        var edges: [(from: Date, to: Date)] = []
        if from < start(first) { edges.append((from, start(first))) }
        if start(last) < to { edges.append((start(last), to)) }
        return (first..<last, edges)
    }

    /// The first day of the month (in Copenhagen) that `day` falls in.
    public static func monthStart(of day: Int) -> Int {
        calendar.dateInterval(of: .month, for: start(day)).map { of($0.start) } ?? day
    }

    /// The whole calendar months inside `days`, each as its range of days: the units report figures are
    /// rolled up in, so that a report over years reads a few dozen months instead of every day.
    public static func months(in days: Range<Int>) -> [Range<Int>] {
        guard !days.isEmpty else { return [] }
        var first = monthStart(of: days.lowerBound)
        if first < days.lowerBound { first = nextMonth(after: first) }
        var months: [Range<Int>] = []
        while true {
            let next = nextMonth(after: first)
            guard next <= days.upperBound, next > first else { break }
            months.append(first..<next)
            first = next
        }
        return months
    }

    /// The first day of the month after the one starting on `first`.
    private static func nextMonth(after first: Int) -> Int {
        calendar.date(byAdding: .month, value: 1, to: start(first)).map(of) ?? first + 28
    }
}
