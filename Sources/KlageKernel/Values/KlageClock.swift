public import Foundation
import Synchronization

/// The source of "now" for everything in Klage, injected so that tests can fix and move time.
public protocol KlageClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The real wall clock, truncated to whole milliseconds (the precision both engines store).
public struct SystemClock: KlageClock {
    public init() {}

    public func now() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}

/// A clock that stands still until a test moves it.
///
/// ```swift
/// let clock = FixedClock(Date(timeIntervalSince1970: 0))
/// clock.advance(by: 25 * 3600)   // a day and an hour later
/// ```
public final class FixedClock: KlageClock {
    private let current: Mutex<Date>

    /// Creates a clock that reads `date` until moved.
    public init(_ date: Date) {
        self.current = Mutex(date)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// Sets the clock to `date`.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
