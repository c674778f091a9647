public import Foundation

/// How webhook deliveries are retried: exponential back-off, four times longer each time, capped, for
/// at least a day.
///
/// With the default base of 10 s a failing delivery is tried again after 10 s, 40 s, 160 s, 11 min,
/// 43 min, 2.8 h and then every 6 h; the 11th failure, about 28 hours after the first, marks it failed.
public struct WebhookPolicy: Sendable, Hashable {
    /// The wait after the first failure, in seconds.
    public var baseDelay: TimeInterval
    /// The longest wait between two attempts.
    public var maxDelay: TimeInterval
    /// Attempts before a delivery is failed.
    public var maxAttempts: Int

    public init(baseDelay: TimeInterval = 10, maxDelay: TimeInterval = 6 * 3600, maxAttempts: Int = 11) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxAttempts = maxAttempts
    }

    /// The wait after failed attempt `attempts` (1 for the first).
    public func retryDelay(after attempts: Int) -> TimeInterval {
        let exponent = Double(max(0, min(attempts - 1, 30)))
        return min(baseDelay * pow(4, exponent), maxDelay)
    }

    /// From the first attempt to the last: the sum of the waits between them.
    public var retryWindow: TimeInterval {
        (1..<max(1, maxAttempts)).reduce(0) { $0 + retryDelay(after: $1) }
    }
}
