public import Foundation
import Synchronization

/// Makes time-ordered ids (UUID version 7, RFC 9562) from a clock and the system's secure random source.
///
/// The 48-bit millisecond timestamp leads, so ids sort by creation time as strings. Within one
/// millisecond the 12 bits after the version count up (RFC 9562, method 1), so the ids one process
/// makes are strictly increasing: the events of one request keep their order.
///
/// ```swift
/// let id: ComplaintID = IDGenerator(clock: SystemClock()).next()
/// ```
public struct IDGenerator: Sendable {
    private let clock: any KlageClock
    private let derivation: DerivedIDs?

    /// Creates a generator that stamps ids with `clock`'s time.
    public init(clock: any KlageClock) {
        self.clock = clock
        self.derivation = nil
    }

    /// A generator that hands out the same ids, in the same order, every time it is made with the
    /// same `seed` and `date`: what a plug-in hook creates is keyed by its delivery (see ``DerivedIDs``).
    public init(clock: any KlageClock, derivedFrom seed: String, at date: Date) {
        self.clock = clock
        self.derivation = DerivedIDs(seed: seed, at: date)
    }

    /// A new, unique, time-ordered id (derived from the seed, for a derived generator).
    public func next<Subject>() -> Identifier<Subject> {
        if let derivation { return Identifier(derivation.next()) }
        return Identifier(Self.uuidV7(at: clock.now()))
    }

    /// The last (millisecond, counter) handed out by this process.
    private static let last = Mutex<(millis: UInt64, counter: UInt16)>((0, 0))

    /// A UUIDv7 string for the given instant, greater than every id this process made before.
    public static func uuidV7(at date: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        let (millis, counter) = last.withLock { state -> (UInt64, UInt16) in
            let now = UInt64(max(0, date.timeIntervalSince1970 * 1000))
            if now > state.millis {
                state = (now, UInt16.random(in: 0...0x3FF, using: &generator))
            } else if state.counter < 0xFFF {
                state.counter += 1
            } else {
                state = (state.millis + 1, 0)
            }
            return state
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index)))
        }
        // Ten random bytes from two draws (each draw is a system call on Linux).
        let (high, low) = (generator.next(), generator.next())
        for index in 6..<16 {
            bytes[index] = UInt8(truncatingIfNeeded: index < 8 ? high >> (8 * (index - 6)) : low >> (8 * (index - 8)))
        }
        bytes[6] = 0x70 | UInt8(counter >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return Hex.uuid(bytes)
    }
}
