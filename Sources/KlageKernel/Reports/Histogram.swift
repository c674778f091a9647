/// Counts of durations in whole minutes, so that medians and 90th percentiles can be merged across days
/// and computed by adding counts, not by keeping every value.
///
/// Figures computed from it are exact to the minute: a duration is counted at its nearest minute.
public struct Histogram: Sendable, Hashable {
    /// Counts of one day's cell, as `(minute, count)` pairs: small, and read from storage without hashing.
    private var pairs: [(minute: Int, count: Int)] = []
    /// Counts merged from many cells, indexed by minute: adding is an array increment.
    private var dense: [Int] = []
    public private(set) var total = 0

    /// Minutes beyond this (about two years) are kept as pairs even when merged.
    private static let denseLimit = 1 << 20

    public init() {}

    /// Count per duration in minutes.
    public var counts: [Int: Int] {
        var counts: [Int: Int] = [:]
        for pair in pairs { counts[pair.minute, default: 0] += pair.count }
        for (minute, count) in dense.enumerated() where count > 0 { counts[minute, default: 0] += count }
        return counts
    }

    /// Counts a duration at its nearest minute (a negative one as zero).
    public mutating func add(seconds: Double) {
        add(minute: max(0, Int((seconds / 60).rounded())), count: 1)
    }

    /// Counts `count` durations of `minute` minutes.
    mutating func add(minute: Int, count: Int) {
        pairs.append((minute, count))
        total += count
    }

    /// Adds another histogram's counts.
    public mutating func merge(_ other: Histogram) {
        if other.dense.count > dense.count { dense += repeatElement(0, count: other.dense.count - dense.count) }
        for (minute, count) in other.dense.enumerated() where count > 0 { dense[minute] += count }
        for pair in other.pairs {
            if pair.minute < Self.denseLimit {
                if pair.minute >= dense.count { dense += repeatElement(0, count: (pair.minute | 4_095) + 1 - dense.count) }
                dense[pair.minute] += pair.count
            } else {
                pairs.append(pair)
            }
        }
        total += other.total
    }

    public static func == (lhs: Histogram, rhs: Histogram) -> Bool { lhs.total == rhs.total && lhs.counts == rhs.counts }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(total)
        hasher.combine(counts)
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
        let wanted = Set(ranks + [p90Rank])
        func visit(_ minute: Int, _ count: Int) -> Bool {
            seen += count
            for rank in wanted where found[rank] == nil && seen >= rank { found[rank] = Double(minute) }
            return found.count == wanted.count
        }
        if pairs.isEmpty {
            for (minute, count) in dense.enumerated() where count > 0 { if visit(minute, count) { break } }
        } else {
            let counts = self.counts
            for minute in counts.keys.sorted() { if visit(minute, counts[minute] ?? 0) { break } }
        }
        let median = ((found[ranks[0]] ?? 0) + (found[ranks[1]] ?? 0)) / 2
        return (median, found[p90Rank])
    }

    /// `minute:count` pairs separated by spaces, for storage.
    public var encoded: String {
        let counts = self.counts
        return counts.keys.sorted().map { "\($0):\(counts[$0] ?? 0)" }.joined(separator: " ")
    }

    /// Reads ``encoded``; unreadable pairs are skipped.
    public init(encoded: Substring) {
        var scanner = NumberScanner(encoded.utf8)
        while let minute = scanner.next(), let count = scanner.next() { add(minute: minute, count: count) }
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
