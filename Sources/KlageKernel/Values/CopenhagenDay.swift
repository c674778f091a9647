public import Foundation

/// Days as a Danish municipality counts them: in Copenhagen time, starting at local midnight.
///
/// ```swift
/// let day = CopenhagenDay.start(of: now)                 // today's midnight in Copenhagen
/// let adopted = CopenhagenDay.parse("2025-03-01")        // 2025-02-28T23:00:00Z
/// ```
public enum CopenhagenDay {
    /// The Gregorian calendar in Europe/Copenhagen.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? TimeZone(secondsFromGMT: 3600)!
        return calendar
    }()

    /// The Copenhagen midnight that starts the day `date` falls on.
    public static func start(of date: Date) -> Date {
        calendar.startOfDay(for: date)
    }

    /// A day written `YYYY-MM-DD`, as its Copenhagen midnight; `nil` when the text is not a real day in that form.
    public static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts.map(\.count) == [4, 2, 2],
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            let date = calendar.date(from: DateComponents(year: year, month: month, day: day))
        else { return nil }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        return date
    }

    /// `date` plus whole calendar years, in Copenhagen time.
    static func adding(years: Int, to date: Date) -> Date {
        calendar.date(byAdding: .year, value: years, to: date) ?? date.addingTimeInterval(Double(years) * 366 * 86_400)
    }
}
