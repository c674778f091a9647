public import Foundation
import Synchronization

/// The Danish public-sector working calendar in Copenhagen time: a tenant's working hours for each
/// weekday (``WorkingWeek``, weekdays 08:00-16:00 by default), without the public holidays (Easter-based
/// ones computed) and the tenant's own closing days.
///
/// ```swift
/// let due = DanishCalendar.standard.adding(workingHours: 8, to: receivedAt)
/// let shortFriday = DanishCalendar(week: week, closingDays: [CalendarDate("2026-12-23")!])
/// ```
///
/// Working time is counted to the second within the opening hours. A due time that lands exactly where one
/// stretch of working time ends is that end (a working day from Monday's opening ends at Monday's close),
/// never the next opening. For working days see ``adding(workingDays:fraction:to:)``.
public struct DanishCalendar: Sendable {
    /// The calendar most municipalities use: weekdays 08:00-16:00 and the public holidays.
    public static let standard = DanishCalendar()

    /// The working hours of each weekday, local time.
    public let week: WorkingWeek
    /// The tenant's own closing days, beside the public holidays.
    public let closingDays: Set<CalendarDate>
    let calendar: Calendar
    /// The local days already worked out, by the UTC hour asked about (a local day changes only on the hour).
    private let days = DayCache()

    /// A calendar with `week`'s working hours, closed on the public holidays and on `closingDays`.
    public init(week: WorkingWeek = .standard, closingDays: Set<CalendarDate> = []) {
        self.week = week
        self.closingDays = closingDays
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? TimeZone(secondsFromGMT: 3600)!
        self.calendar = calendar
    }

    /// Easter Sunday of `year` (Gregorian computus, Anonymous algorithm).
    public static func easterSunday(_ year: Int) -> (month: Int, day: Int) {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return (month, day)
    }

    /// The holidays of `year` as (month, day), with their Danish names.
    public func holidays(in year: Int) -> [(month: Int, day: Int, name: String)] {
        let easter = Self.easterSunday(year)
        let easterDate = calendar.date(from: DateComponents(year: year, month: easter.month, day: easter.day, hour: 12))!
        func offset(_ days: Int, _ name: String) -> (Int, Int, String) {
            let date = calendar.date(byAdding: .day, value: days, to: easterDate)!
            let parts = calendar.dateComponents([.month, .day], from: date)
            return (parts.month!, parts.day!, name)
        }
        var days: [(Int, Int, String)] = [
            (1, 1, "Nytårsdag"),
            offset(-3, "Skærtorsdag"), offset(-2, "Langfredag"), offset(0, "Påskedag"), offset(1, "2. påskedag"),
            offset(39, "Kristi himmelfartsdag"), offset(49, "Pinsedag"), offset(50, "2. pinsedag"),
            (6, 5, "Grundlovsdag"), (12, 24, "Juleaftensdag"), (12, 25, "Juledag"), (12, 26, "2. juledag"),
            (12, 31, "Nytårsaftensdag"),
        ]
        if year < 2024 { days.append(offset(26, "Store bededag")) }  // abolished from 2024
        return days.map { (month: $0.0, day: $0.1, name: $0.2) }
    }

    /// Whether `date` falls on a Copenhagen day with working hours: not a closed weekday, a public holiday or a closing day.
    public func isWorkingDay(_ date: Date) -> Bool {
        !day(containing: date).periods.isEmpty
    }

    /// The instant `hours` working hours after `start`; a start outside working hours counts from the next opening.
    public func adding(workingHours hours: Double, to start: Date) -> Date {
        adding(workingSeconds: hours * 3600, to: start)
    }

    /// The instant `seconds` of working time after `start`; with 0, the first working instant at or after `start`.
    func adding(workingSeconds seconds: TimeInterval, to start: Date) -> Date {
        var remaining = seconds
        var cursor = start
        for _ in 0..<3_660 {  // at most ten years of days
            let local = day(containing: cursor)
            for period in local.periods where period.close > cursor {
                let from = max(cursor, period.open)
                let available = period.close.timeIntervalSince(from)
                if remaining <= available { return from.addingTimeInterval(remaining) }
                remaining -= available
            }
            cursor = local.nextStart
        }
        return cursor
    }

    /// The working seconds between two instants (0 when `end` is not after `start`).
    public func workingSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        var cursor = start
        while cursor < end {
            let local = day(containing: cursor)
            for period in local.periods {
                let from = max(cursor, period.open)
                let to = min(end, period.close)
                if to > from { total += to.timeIntervalSince(from) }
            }
            cursor = local.nextStart
        }
        return total
    }

    /// The local day containing `date`, from the cache or worked out once: Foundation's calendar is slow.
    func day(containing date: Date) -> DayCache.Day {
        let hour = Int64((date.timeIntervalSince1970 / 3_600).rounded(.down))
        if let known = days.entries.withLock({ $0[hour] }) { return known }
        let start = calendar.startOfDay(for: date)
        let day = DayCache.Day(start: start, periods: computePeriods(of: start), nextStart: calendar.date(byAdding: .day, value: 1, to: start)!)
        days.entries.withLock { entries in
            if entries.count >= 200_000 { entries.removeAll(keepingCapacity: true) }
            entries[hour] = day
        }
        return day
    }

    /// The working periods of the local day starting at `start`: none on a closed weekday, a holiday or a closing day.
    private func computePeriods(of start: Date) -> [DayCache.Period] {
        let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: start)
        guard let year = parts.year, let month = parts.month, let date = parts.day, let weekday = parts.weekday.flatMap(Weekday.init(gregorian:))
        else { return [] }
        if closingDays.contains(CalendarDate(year: year, month: month, day: date)) { return [] }
        if holidays(in: year).contains(where: { $0.month == month && $0.day == date }) { return [] }
        return week.hours(on: weekday).compactMap { hours in
            guard let open = instant(hours.opens, on: start), let close = instant(hours.closes, on: start), open < close else { return nil }
            return DayCache.Period(open: open, close: close)
        }
    }

    /// The instant `minutes` after local midnight by the clock on the day starting at `start`; 1440 is the next midnight.
    private func instant(_ minutes: Int, on start: Date) -> Date? {
        if minutes == OpeningHours.minutesPerDay { return calendar.date(byAdding: .day, value: 1, to: start) }
        return calendar.date(bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: start)
    }
}

/// What ``DanishCalendar`` has worked out about local days, shared by its copies.
final class DayCache: Sendable {
    /// A stretch of working time on one day.
    struct Period: Sendable {
        let open: Date
        let close: Date
    }

    /// One local day: its start, its working periods (none on a day off) and the start of the next day.
    struct Day: Sendable {
        let start: Date
        let periods: [Period]
        let nextStart: Date
    }

    let entries = Mutex<[Int64: Day]>([:])
}
