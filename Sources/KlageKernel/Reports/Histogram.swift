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

    /// Counts `count` durations of `minute` minutes.
    mutating func add(minute: Int, count: Int) {
        counts[minute, default: 0] += count
        total += count
    }

    /// Adds another histogram's counts.
    public mutating func merge(_ other: Histogram) {
        for (minute, count) in other.counts { counts[minute, default: 0] += count }
        total += other.total
    }

    /// The median in minutes: the middle value, or the mean of the two middle values; `nil` when empty.
    public var median: Double? { spread.median }

    /// The 90th percentile in minutes, by nearest rank: the smallest value with at least 90 % of values at or below it.
    public var p90: Double? { spread.p90 }

    /// The median and 90th percentile together, from one pass over the sorted values.
    public var spread: (median: Double?, p90: Double?) {
        guard total > 0 else { return (nil, nil) }
        let ranks = total % 2 == 1 ? [total / 2 + 1, total / 2 + 1] : [total / 2, total / 2 + 1]
        let p90Rank = Int((Double(total) * 0.9).rounded(.up))
        var found: [Int: Double] = [:]
        var seen = 0
        for minute in counts.keys.sorted() {
            seen += counts[minute] ?? 0
            for rank in ranks + [p90Rank] where found[rank] == nil && seen >= rank { found[rank] = Double(minute) }
            if found.count == Set(ranks + [p90Rank]).count { break }
        }
        let median = ((found[ranks[0]] ?? 0) + (found[ranks[1]] ?? 0)) / 2
        return (median, found[p90Rank])
    }

    /// `minute:count` pairs separated by spaces, for storage.
    public var encoded: String {
        counts.keys.sorted().map { "\($0):\(counts[$0] ?? 0)" }.joined(separator: " ")
    }

    /// Reads ``encoded``; unreadable pairs are skipped.
    public init(encoded: Substring) {
        var scanner = NumberScanner(encoded.utf8)
        while let minute = scanner.next(), let count = scanner.next() {
            counts[minute, default: 0] += count
            total += count
        }
    }
}

/// Reads the non-negative whole numbers of a text in order, skipping every other byte: the storage
/// format of report cells, read without building a `String` per number.
struct NumberScanner<Bytes: Collection<UInt8>> {
    private let bytes: Bytes
    private var index: Bytes.Index

    init(_ bytes: Bytes) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    /// The next number, or `nil` at the end.
    mutating func next() -> Int? {
        while index != bytes.endIndex, !(48...57).contains(bytes[index]) { index = bytes.index(after: index) }
        guard index != bytes.endIndex else { return nil }
        var value = 0
        while index != bytes.endIndex, (48...57).contains(bytes[index]) {
            value = value &* 10 &+ Int(bytes[index] &- 48)
            index = bytes.index(after: index)
        }
        return value
    }
}
