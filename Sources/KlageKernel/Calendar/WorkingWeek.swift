/// The working hours of each day of the week, local time: one or more ``OpeningHours`` on an open
/// day, none on a closed one.
///
/// ```swift
/// let shortFriday = WorkingWeek.standard.with(.friday, open: [OpeningHours("08:00-13:30")!])
/// ```
public struct WorkingWeek: Sendable, Hashable {
    /// Weekdays 08:00-16:00, Saturday and Sunday closed: the hours most municipalities keep.
    public static let standard = WorkingWeek(
        uncheckedHours: Dictionary(
            uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map { ($0, [OpeningHours(opens: 480, closes: 960)!]) }
        ))

    /// The most stretches one day may have, e.g. a morning and an afternoon around a lunch closing.
    public static let maxStretchesPerDay = 4

    private let hours: [Weekday: [OpeningHours]]

    /// A week with `hours` on the days it names, closed on the others.
    ///
    /// - Returns: `nil` when a day's stretches are not ``isValidDay(_:)``, or no day is open.
    public init?(_ hours: [Weekday: [OpeningHours]]) {
        guard hours.values.allSatisfy(Self.isValidDay), hours.values.contains(where: { !$0.isEmpty }) else { return nil }
        self.init(uncheckedHours: hours)
    }

    private init(uncheckedHours hours: [Weekday: [OpeningHours]]) {
        self.hours = hours.filter { !$0.value.isEmpty }
    }

    /// Whether `stretches` can be one day's hours: at most ``maxStretchesPerDay``, each opening at or after
    /// the one before it closes (in order, none overlapping). No stretches is a closed day.
    public static func isValidDay(_ stretches: [OpeningHours]) -> Bool {
        stretches.count <= maxStretchesPerDay && zip(stretches, stretches.dropFirst()).allSatisfy { $0.closes <= $1.opens }
    }

    /// The working hours on `day`, earliest first; empty when the day is closed.
    public func hours(on day: Weekday) -> [OpeningHours] {
        hours[day] ?? []
    }

    /// This week with `day`'s hours replaced by `stretches` (none closes it), or `nil` when the result is not valid.
    public func with(_ day: Weekday, open stretches: [OpeningHours]) -> WorkingWeek? {
        var changed = hours
        changed[day] = stretches
        return WorkingWeek(changed)
    }

    /// The working hours in each open day when every open day keeps the same hours (as in ``standard``,
    /// 8); `nil` when the days differ, such as with a short Friday.
    public var uniformHoursPerDay: Double? {
        guard let first = hours.values.first, hours.values.allSatisfy({ $0 == first }) else { return nil }
        return Double(first.reduce(0) { $0 + $1.minutes }) / 60
    }
}
