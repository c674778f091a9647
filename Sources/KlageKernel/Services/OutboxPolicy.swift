public import Foundation

/// When the outbox runs an event's plug-in hooks again, and when it gives up.
///
/// The request that stored the event runs its hooks at once (attempt 1). A delivery that attempt did
/// not settle (the process died, or a hook threw) is run by the dispatcher: first
/// ``firstAttemptAfter`` after the event, then after each failed attempt `n` once
/// `min(firstRetryAfter × 2^(n−1), maxRetryAfter)` has passed. After ``maxAttempts`` failed attempts it
/// is `dead` until an operator retries it (`outbox.retry`).
public struct OutboxPolicy: Sendable, Hashable {
    /// How long after its event a delivery waits for the request that stored it, in seconds.
    public var firstAttemptAfter: TimeInterval
    /// The wait after the first failed attempt, in seconds; it doubles with every further one.
    public var firstRetryAfter: TimeInterval
    /// The longest wait between attempts, in seconds.
    public var maxRetryAfter: TimeInterval
    /// Failed attempts before a delivery is dead.
    public var maxAttempts: Int

    public init(firstAttemptAfter: TimeInterval = 10, firstRetryAfter: TimeInterval = 10, maxRetryAfter: TimeInterval = 3_600, maxAttempts: Int = 10)
    {
        self.firstAttemptAfter = firstAttemptAfter
        self.firstRetryAfter = firstRetryAfter
        self.maxRetryAfter = maxRetryAfter
        self.maxAttempts = maxAttempts
    }

    /// The wait after failed attempt number `attempts` (1 for the first).
    public func retryDelay(after attempts: Int) -> TimeInterval {
        min(maxRetryAfter, firstRetryAfter * pow(2, Double(max(0, min(attempts - 1, 30)))))
    }
}
