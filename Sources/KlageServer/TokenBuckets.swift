import Synchronization

/// Token buckets by client name, bounded in memory: each client's bucket holds up to `burst` tokens
/// and refills at `rate` per second; a request takes its cost or is refused with the seconds until
/// it could be served.
///
/// At most `capacity` clients are tracked. When a new one would pass that, buckets that have refilled
/// are forgotten first (a forgotten bucket is a full one, so forgetting it changes nothing), then the
/// longest idle.
///
/// ```swift
/// let buckets = TokenBuckets(rate: 10, burst: 50, capacity: 100_000)
/// if let wait = buckets.take(1, for: "10.0.0.7") { /* refuse; retry in `wait` seconds */ }
/// ```
final class TokenBuckets: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let rate: Double
    let burst: Double
    private let capacity: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    init(rate: Double, burst: Double, capacity: Int) {
        self.rate = rate
        self.burst = max(1, burst)
        self.capacity = max(1, capacity)
    }

    /// Clients tracked now.
    var count: Int { buckets.withLock { $0.count } }

    /// Takes `cost` tokens (at most a full bucket) from `client`'s bucket.
    ///
    /// - Returns: `nil` when taken; else the whole seconds until the bucket holds `cost` again.
    func take(_ cost: Double, for client: String, now: ContinuousClock.Instant = .now) -> Int? {
        let cost = min(max(cost, 0), burst)
        return buckets.withLock { buckets -> Int? in
            var bucket: Bucket
            if let known = buckets[client] {
                bucket = known
                bucket.tokens = level(of: known, at: now)
            } else {
                if buckets.count >= capacity { evict(from: &buckets, now: now) }
                bucket = Bucket(tokens: burst, updated: now)
            }
            bucket.updated = now
            defer { buckets[client] = bucket }
            if bucket.tokens >= cost {
                bucket.tokens -= cost
                return nil
            }
            return Int(((cost - bucket.tokens) / rate).rounded(.up))
        }
    }

    /// Whether `client`'s bucket holds `cost` tokens now, without taking any.
    func holds(_ cost: Double, for client: String, now: ContinuousClock.Instant = .now) -> Bool {
        buckets.withLock { buckets in buckets[client].map { level(of: $0, at: now) >= min(cost, burst) } ?? true }
    }

    private func level(of bucket: Bucket, at now: ContinuousClock.Instant) -> Double {
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return min(burst, bucket.tokens + max(0, seconds) * rate)
    }

    /// Forgets full buckets, then the longest idle, until a quarter of the capacity is free.
    private func evict(from buckets: inout [String: Bucket], now: ContinuousClock.Instant) {
        buckets = buckets.filter { level(of: $0.value, at: now) < burst }
        let target = capacity - capacity / 4
        guard buckets.count > target else { return }
        for (client, _) in buckets.sorted(by: { $0.value.updated < $1.value.updated }).prefix(buckets.count - target) {
            buckets[client] = nil
        }
    }
}
