public import Foundation

/// The one rule for comparing a time a client supplied with a time the server took: both are read
/// to the whole second.
///
/// Clients send RFC 3339 times, and whole seconds are valid input: `date -u +%Y-%m-%dT%H:%M:%SZ`
/// and most case systems write no fractions. The server stamps its own times (`receivedAt` when the
/// client gives none, `createdAt`, a deadline's start) with milliseconds. Compared naively, a call
/// made in the same second as the complaint arrived would lie *before* it. So every comparison of a
/// client time with a server time goes through this type, and a time names its whole second:
///
/// ```swift
/// // receivedAt 10:15:42.731Z (server), occurredAt 10:15:42Z (client): the same second.
/// ClientTime.isBefore(occurredAt, receivedAt)  // false: the contact counts as after receipt
/// ClientTime.isAfter(metAt, dueAt)             // late only from the next whole second on
/// ```
public enum ClientTime {
    /// Whether `time` lies in an earlier whole second than `reference`.
    public static func isBefore(_ time: Date, _ reference: Date) -> Bool {
        wholeSecond(time) < wholeSecond(reference)
    }

    /// Whether `time` lies in a later whole second than `reference`.
    public static func isAfter(_ time: Date, _ reference: Date) -> Bool {
        wholeSecond(time) > wholeSecond(reference)
    }

    /// The whole seconds since 1970 of `date`, rounded down (also before 1970).
    public static func wholeSecond(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
