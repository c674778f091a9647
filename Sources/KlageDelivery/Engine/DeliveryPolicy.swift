public import Foundation

/// The one retry policy of every delivery, plug-in hooks and webhooks alike: exponential back-off, four
/// times longer each time, capped, for at least a day; then `failed` until someone retries it by hand
/// (`outbox.retry`, `webhook.replay`).
///
/// With the defaults a failing delivery is tried again after 10 s, 40 s, 160 s, 11 min, 43 min, 2.8 h and
/// then every 6 h; the 11th failure, about 28 hours after the first, marks it failed.
public struct DeliveryPolicy: Sendable, Hashable {
    /// The wait after the first failure, in seconds.
    public var baseDelay: TimeInterval
    /// The longest wait between two attempts.
    public var maxDelay: TimeInterval
    /// Attempts before a delivery is failed.
    public var maxAttempts: Int
    /// How long after its event a plug-in hook delivery is left to the request that stored it (its
    /// attempt 1) before the dispatcher may take it, in seconds.
    public var firstAttemptAfter: TimeInterval

    public init(baseDelay: TimeInterval = 10, maxDelay: TimeInterval = 6 * 3600, maxAttempts: Int = 11, firstAttemptAfter: TimeInterval = 10) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxAttempts = maxAttempts
        self.firstAttemptAfter = firstAttemptAfter
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

    /// `delivery` (taken, its attempt counted) after `attempt`, at `now`: delivered; pending again after
    /// the back-off; or failed after the last attempt. The parts that succeeded are kept, and so is the
    /// last error, which says what failed before.
    public func settle(_ delivery: Delivery, with attempt: DeliveryAttempt, at now: Date) -> Delivery {
        var settled = delivery
        settled.done += attempt.done.filter { !delivery.done.contains($0) }
        settled.updatedAt = now
        if let error = attempt.error {
            settled.lastError = String(error.prefix(200))
            if settled.attempts >= maxAttempts {
                settled.state = .failed
            } else {
                settled.nextAttemptAt = now.addingTimeInterval(retryDelay(after: settled.attempts))
            }
        } else {
            settled.state = .delivered
        }
        return settled
    }
}

/// How one attempt at a delivery went.
public struct DeliveryAttempt: Sendable, Hashable {
    /// The parts that succeeded in this attempt (plug-in hooks' keys); they never run again for the event.
    public var done: [String]
    /// Why it failed, without personal data (the first failing hook, an HTTP status); `nil` when it was delivered.
    public var error: String?

    public init(done: [String] = [], error: String? = nil) {
        self.done = done
        self.error = error
    }
}
