/// A day on the Copenhagen calendar, without a time: a tenant's closing day, written `YYYY-MM-DD`.
///
/// ```swift
/// let christmasEve = CalendarDate("2026-12-24")    // year 2026, month 12, day 24
/// ```
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The day `YYYY-MM-DD` names; `nil` when the text is not a real day in that form (see ``CopenhagenDay/parse(_:)``).
    public init?(_ text: String) {
        guard CopenhagenDay.parse(text) != nil else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// The day with these numbers; the caller knows them to name a real day.
    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func padded(_ number: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(number).count)) + String(number)
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
