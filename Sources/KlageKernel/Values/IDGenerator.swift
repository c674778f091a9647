import Foundation

/// Makes time-ordered ids (UUID version 7, RFC 9562) from a clock and the system's secure random source.
///
/// The 48-bit millisecond timestamp leads, so ids sort by creation time as strings.
///
/// ```swift
/// let id: ComplaintID = IDGenerator(clock: SystemClock()).next()
/// ```
public struct IDGenerator: Sendable {
    private let clock: any KlageClock

    /// Creates a generator that stamps ids with `clock`'s time.
    public init(clock: any KlageClock) {
        self.clock = clock
    }

    /// A new, unique, time-ordered id.
    public func next<Subject>() -> Identifier<Subject> {
        Identifier(Self.uuidV7(at: clock.now()))
    }

    /// A UUIDv7 string for the given instant.
    public static func uuidV7(at date: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index)))
        }
        for index in 6..<16 {
            bytes[index] = UInt8.random(in: 0...255, using: &generator)
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32]
            .map { String(characters[$0]) }
            .joined(separator: "-")
    }
}
