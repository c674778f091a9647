/// One stretch of working time within a local day, to the minute: `08:00-16:00`, or `08:00-13:30` on a
/// short Friday. `24:00` closes at midnight; a stretch never runs past it.
///
/// ```swift
/// let friday = OpeningHours("08:00-13:30")    // opens 480, closes 810 minutes after midnight
/// ```
public struct OpeningHours: Sendable, Hashable, CustomStringConvertible {
    /// Minutes after local midnight at which the stretch opens, 0 to 1439.
    public let opens: Int
    /// Minutes after local midnight at which it closes, after ``opens``; 1440 is midnight at the day's end.
    public let closes: Int

    /// A stretch from `opens` to `closes` minutes after local midnight; `nil` unless `0 <= opens < closes <= 1440`.
    public init?(opens: Int, closes: Int) {
        guard 0 <= opens, opens < closes, closes <= Self.minutesPerDay else { return nil }
        self.opens = opens
        self.closes = closes
    }

    /// Parses `HH:MM-HH:MM` (hours 00 to 24, minutes 00 to 59, `24:00` only as the closing); `nil` when
    /// the text is not in that form or the stretch does not run forward within the day.
    public init?(_ text: String) {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let opens = Self.minutes(ends[0]), let closes = Self.minutes(ends[1]) else { return nil }
        self.init(opens: opens, closes: closes)
    }

    /// The minutes in a day.
    static let minutesPerDay = 24 * 60

    /// The working minutes of the stretch.
    public var minutes: Int { closes - opens }

    /// `HH:MM-HH:MM`, as a tenant writes it.
    public var description: String { "\(Self.clock(opens))-\(Self.clock(closes))" }

    /// The minutes after midnight that `HH:MM` names, or `nil`.
    private static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), minute < 60, hour < 24 || (hour == 24 && minute == 0)
        else { return nil }
        return hour * 60 + minute
    }

    private static func clock(_ minutes: Int) -> String {
        let hour = minutes / 60
        let minute = minutes % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
