import KlageKernel

/// Counts of durations in whole minutes, in logarithmic buckets, so that medians and 90th percentiles
/// can be merged across days and computed by adding counts, not by keeping every value.
///
/// Durations under ``exactBelow`` minutes (about two hours) each have their own bucket; above that,
/// each doubling is split into ``bucketsPerDoubling`` buckets, so a bucket spans at most 1/64 of its
/// values (a bucket at four days spans two hours). Each bucket keeps its count and the sum of its
/// minutes, and a median or percentile is the mean of the bucket its rank falls in: exact to the
/// minute whenever the values of that bucket are equal, and never further off than the bucket's span.
/// A histogram of five years of durations has at most about 1,000 buckets, however many values it counts.
public struct Histogram: Sendable, Hashable {
    /// Per bucket: how many durations, and the sum of their minutes.
    private var tallies: [Int] = []
    private var sums: [Int] = []
    public private(set) var total = 0

    /// Durations shorter than this many minutes are counted exactly.
    static let exactBelow = 128
    /// Buckets per doubling of the duration above ``exactBelow``.
    static let bucketsPerDoubling = 64
    /// Durations are counted as at most this many minutes (about 2,000 years).
    static let longest = 1 << 30
    /// How ``encoded`` counts, for ``ReportCell/layout``.
    static let layout = "minutes exact below \(exactBelow), \(bucketsPerDoubling) buckets per doubling, bucket:count:sum"

    public init() {}

    /// The bucket of a duration in minutes.
    static func bucket(of minute: Int) -> Int {
        guard minute >= exactBelow else { return max(0, minute) }
        let shift = (Int.bitWidth - 1 - minute.leadingZeroBitCount) - 6
        return bucketsPerDoubling * shift + (minute >> shift)
    }

    /// Count per duration in minutes: each bucket's mean, rounded.
    public var counts: [Int: Int] {
        var counts: [Int: Int] = [:]
        for (index, tally) in tallies.enumerated() where tally > 0 {
            counts[Int((Double(sums[index]) / Double(tally)).rounded()), default: 0] += tally
        }
        return counts
    }

    /// Counts a duration at its nearest minute (a negative one as zero).
    public mutating func add(seconds: Double) {
        let minutes = (seconds / 60).rounded()
        add(minute: minutes.isFinite ? Int(max(0, min(minutes, Double(Self.longest)))) : 0)
    }

    /// Counts one duration of `minute` minutes.
    mutating func add(minute: Int) {
        add(bucket: Self.bucket(of: minute), count: 1, sum: minute)
    }

    /// Adds `count` durations summing to `sum` minutes to a bucket.
    mutating func add(bucket: Int, count: Int, sum: Int) {
        guard count > 0, bucket >= 0, bucket <= Self.bucket(of: Self.longest) else { return }
        if bucket >= tallies.count {
            tallies += repeatElement(0, count: bucket + 1 - tallies.count)
            sums += repeatElement(0, count: bucket + 1 - sums.count)
        }
        tallies[bucket] += count
        sums[bucket] += sum
        total += count
    }

    /// Adds another histogram's counts.
    public mutating func merge(_ other: Histogram) {
        if other.tallies.count > tallies.count {
            tallies += repeatElement(0, count: other.tallies.count - tallies.count)
            sums += repeatElement(0, count: other.sums.count - sums.count)
        }
        for index in other.tallies.indices where other.tallies[index] > 0 {
            tallies[index] += other.tallies[index]
            sums[index] += other.sums[index]
        }
        total += other.total
    }

    /// The buckets that count something, in order: what equality, hashing and storage look at.
    private var buckets: [(bucket: Int, count: Int, sum: Int)] {
        tallies.indices.filter { tallies[$0] > 0 }.map { ($0, tallies[$0], sums[$0]) }
    }

    public static func == (lhs: Histogram, rhs: Histogram) -> Bool {
        lhs.total == rhs.total && lhs.buckets.elementsEqual(rhs.buckets) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(total)
        for bucket in buckets {
            hasher.combine(bucket.bucket)
            hasher.combine(bucket.count)
            hasher.combine(bucket.sum)
        }
    }

    /// The median in minutes: the middle value, or the mean of the two middle values; `nil` when empty.
    public var median: Double? { spread.median }

    /// The 90th percentile in minutes, by nearest rank: the smallest value with at least 90 % of values at or below it.
    public var p90: Double? { spread.p90 }

    /// The median and 90th percentile together, from one pass over the buckets.
    public var spread: (median: Double?, p90: Double?) {
        guard total > 0 else { return (nil, nil) }
        let lower = total % 2 == 1 ? total / 2 + 1 : total / 2
        let ranks = [lower, total / 2 + 1, Int((Double(total) * 0.9).rounded(.up))]
        var values = [Double](repeating: 0, count: ranks.count)
        var seen = 0
        var next = 0  // the ranks ascend
        for index in tallies.indices where tallies[index] > 0 {
            seen += tallies[index]
            while next < ranks.count, seen >= ranks[next] {
                values[next] = Double(sums[index]) / Double(tallies[index])
                next += 1
            }
            if next == ranks.count { break }
        }
        return ((values[0] + values[1]) / 2, values[2])
    }

    /// `bucket:count:sum` triples separated by spaces, for storage.
    public var encoded: String {
        buckets.map { "\($0.bucket):\($0.count):\($0.sum)" }.joined(separator: " ")
    }

    /// Reads ``encoded`` from its UTF-8 bytes; an incomplete triple at the end is skipped.
    init<Bytes: Collection<UInt8>>(scanning bytes: Bytes) {
        self.init()
        add(scanning: bytes)
    }

    /// Adds the counts of an ``encoded`` histogram, read from its UTF-8 bytes.
    mutating func add<Bytes: Collection<UInt8>>(scanning bytes: Bytes) {
        var scanner = NumberScanner(bytes)
        while let bucket = scanner.next(), let count = scanner.next(), let sum = scanner.next() { add(bucket: bucket, count: count, sum: sum) }
    }

    /// Reads ``encoded``.
    public init(encoded: Substring) {
        self.init(scanning: encoded.utf8)
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
