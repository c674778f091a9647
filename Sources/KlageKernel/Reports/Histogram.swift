/// Counts of durations in whole minutes, so that medians and 90th percentiles can be merged across days
/// and computed by adding counts, not by keeping every value.
///
/// Figures computed from it are exact to the minute: a duration is counted at its nearest minute.
public struct Histogram: Sendable, Hashable {
    /// Count per duration in minutes.
    public private(set) var counts: [Int: Int] = [:]
    public private(set) var total = 0

    public init() {}

    /// Counts a duration at its nearest minute (a negative one as zero).
    public mutating func add(seconds: Double) {
        counts[max(0, Int((seconds / 60).rounded())), default: 0] += 1
        total += 1
    }

    /// Adds another histogram's counts.
    public mutating func merge(_ other: Histogram) {
        for (minute, count) in other.counts { counts[minute, default: 0] += count }
        total += other.total
    }

    /// The median in minutes: the middle value, or the mean of the two middle values; `nil` when empty.
    public var median: Double? {
        guard total > 0 else { return nil }
        if total % 2 == 1 { return value(atRank: total / 2 + 1) }
        return ((value(atRank: total / 2) ?? 0) + (value(atRank: total / 2 + 1) ?? 0)) / 2
    }

    /// The 90th percentile in minutes, by nearest rank: the smallest value with at least 90 % of values at or below it.
    public var p90: Double? {
        guard total > 0 else { return nil }
        return value(atRank: Int((Double(total) * 0.9).rounded(.up)))
    }

    /// The value of the `rank`-th smallest value (1-based).
    private func value(atRank rank: Int) -> Double? {
        var seen = 0
        for minute in counts.keys.sorted() {
            seen += counts[minute] ?? 0
            if seen >= rank { return Double(minute) }
        }
        return nil
    }

    /// `minute:count` pairs separated by spaces, for storage.
    public var encoded: String {
        counts.keys.sorted().map { "\($0):\(counts[$0] ?? 0)" }.joined(separator: " ")
    }

    /// Reads ``encoded``; unreadable pairs are skipped.
    public init(encoded: Substring) {
        for pair in encoded.split(separator: " ") {
            guard let colon = pair.firstIndex(of: ":"), let minute = Int(pair[..<colon]),
                let count = Int(pair[pair.index(after: colon)...])
            else { continue }
            counts[minute, default: 0] += count
            total += count
        }
    }
}
