public import Foundation
import Synchronization

/// The Danish public-sector working calendar: weekdays 08:00-16:00 in Copenhagen time, without
/// public holidays (Easter-based ones computed) and the days municipalities customarily close.
///
/// ```swift
/// let due = DanishCalendar.standard.adding(workingHours: 8, to: receivedAt)
/// ```
public struct DanishCalendar: Sendable {
    /// The calendar most municipalities use.
    public static let standard = DanishCalendar()

    /// The hour the working day starts and ends, local time.
    public let dayStart: Int
    public let dayEnd: Int
    private let calendar: Calendar
    /// The local days already worked out, by the UTC hour asked about (a local day changes only on the hour).
    private let days = DayCache()

    public init(dayStart: Int = 8, dayEnd: Int = 16) {
        precondition(0 <= dayStart && dayStart < dayEnd && dayEnd <= 24, "a working day runs forward within one day")
        self.dayStart = dayStart
        self.dayEnd = dayEnd
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? TimeZone(secondsFromGMT: 3600)!
        self.calendar = calendar
    }

    /// The hours in one working day.
    public var hoursPerDay: Int { dayEnd - dayStart }

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

    /// Whether `date` falls on a Copenhagen weekday that is not a holiday.
    public func isWorkingDay(_ date: Date) -> Bool {
        day(containing: date).open != nil
    }

    private func computeIsWorkingDay(_ date: Date) -> Bool {
        let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
        if parts.weekday == 1 || parts.weekday == 7 { return false }
        return !holidays(in: parts.year!).contains { $0.month == parts.month && $0.day == parts.day }
    }

    /// The instant `hours` working hours after `start`; a start outside working hours counts from the next opening.
    public func adding(workingHours hours: Double, to start: Date) -> Date {
        var remaining = hours * 3600
        var cursor = start
        for _ in 0..<3_660 {  // at most ten years of days
            let (open, close) = window(containing: cursor)
            if let open, let close {
                let from = max(cursor, open)
                if from < close {
                    let available = close.timeIntervalSince(from)
                    if remaining <= available { return from.addingTimeInterval(remaining) }
                    remaining -= available
                }
            }
            cursor = nextDayStart(after: cursor)
        }
        return cursor
    }

    /// The working seconds between two instants (0 when `end` is not after `start`).
    public func workingSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        var cursor = start
        while cursor < end {
            let (open, close) = window(containing: cursor)
            if let open, let close {
                let from = max(cursor, open)
                let to = min(end, close)
                if to > from { total += to.timeIntervalSince(from) }
            }
            cursor = nextDayStart(after: cursor)
        }
        return total
    }

    /// The working window (opening, closing) of the local day containing `date`, or nils on a day off.
    private func window(containing date: Date) -> (Date?, Date?) {
        let day = day(containing: date)
        return (day.open, day.close)
    }

    private func nextDayStart(after date: Date) -> Date {
        day(containing: date).nextStart
    }

    /// The local day containing `date`, from the cache or worked out once: Foundation's calendar is slow.
    private func day(containing date: Date) -> DayCache.Day {
        let hour = Int64((date.timeIntervalSince1970 / 3_600).rounded(.down))
        if let known = days.entries.withLock({ $0[hour] }) { return known }
        let window = computeWindow(containing: date)
        let day = DayCache.Day(open: window.0, close: window.1, nextStart: computeNextDayStart(after: date))
        days.entries.withLock { entries in
            if entries.count >= 200_000 { entries.removeAll(keepingCapacity: true) }
            entries[hour] = day
        }
        return day
    }

    private func computeWindow(containing date: Date) -> (Date?, Date?) {
        guard computeIsWorkingDay(date) else { return (nil, nil) }
        let day = calendar.startOfDay(for: date)
        return (
            calendar.date(bySettingHour: dayStart, minute: 0, second: 0, of: day),
            dayEnd == 24 ? calendar.date(byAdding: .day, value: 1, to: day) : calendar.date(bySettingHour: dayEnd, minute: 0, second: 0, of: day)
        )
    }

    private func computeNextDayStart(after date: Date) -> Date {
        calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: date))!
    }
}

/// What ``DanishCalendar`` has worked out about local days, shared by its copies.
final class DayCache: Sendable {
    /// One local day: its working window (nil on a day off) and the start of the next day.
    struct Day: Sendable {
        let open: Date?
        let close: Date?
        let nextStart: Date
    }

    let entries = Mutex<[Int64: Day]>([:])
}
