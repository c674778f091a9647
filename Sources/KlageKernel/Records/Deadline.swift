import Foundation

/// One running or finished clock on a complaint, e.g. "first contact within 24 hours".
public struct Deadline: Sendable, Hashable, Codable {
    /// The rule's name, unique within the complaint's workflow, e.g. `firstContact`.
    public let name: String
    public let dueAt: Date
    /// When the deadline was met, if it was.
    public var metAt: Date?
    /// When the clock was stopped without being met (the complaint closed first).
    public var stoppedAt: Date?

    public init(name: String, dueAt: Date, metAt: Date? = nil, stoppedAt: Date? = nil) {
        self.name = name
        self.dueAt = dueAt
        self.metAt = metAt
        self.stoppedAt = stoppedAt
    }

    /// Whether the clock still runs.
    public var isOpen: Bool { metAt == nil && stoppedAt == nil }

    /// Whether the deadline is missed as seen at `now`: met late, stopped late, or still open past due.
    public func isMissed(at now: Date) -> Bool {
        (metAt ?? stoppedAt ?? now) > dueAt
    }
}
