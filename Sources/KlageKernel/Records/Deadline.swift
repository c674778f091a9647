public import Foundation

/// One running or finished clock on a complaint, e.g. "first contact within 24 hours".
///
/// A clock warns at `warnAt`, fails at `dueAt`, can be paused (while waiting for the citizen) and
/// resumed with the time it had left, and ends when met or stopped.
public struct Deadline: Sendable, Hashable, Codable {
    /// The rule's name, unique within the complaint, e.g. `firstContact`.
    public let name: String
    public var dueAt: Date
    /// When the clock is at risk: the scheduler warns and escalates from here.
    public var warnAt: Date?
    /// When the deadline was met, if it was.
    public var metAt: Date?
    /// When the clock was stopped without being met (the complaint closed first).
    public var stoppedAt: Date?
    /// When the clock was paused, while it is paused.
    public var pausedAt: Date?
    /// When the scheduler recorded the warning, once.
    public var warnedAt: Date?
    /// When the scheduler recorded the miss, once.
    public var missedAt: Date?
    /// Whether the clock counts working hours (so a pause gives back working time).
    public var working: Bool?
    /// When the clock started; a contact that happened before it cannot meet it.
    public var startedAt: Date?
    /// For a complaint registered late, the earliest the scheduler records a miss: the registration
    /// plus the tenant's `lateRegistrationGraceHours`, so that the contacts made before registration
    /// can first be recorded at their real time. `nil`: a miss is recorded at `dueAt`.
    public var missJudgedFrom: Date?

    public init(name: String, dueAt: Date, warnAt: Date? = nil, metAt: Date? = nil, stoppedAt: Date? = nil, working: Bool? = nil) {
        self.name = name
        self.dueAt = dueAt
        self.warnAt = warnAt
        self.metAt = metAt
        self.stoppedAt = stoppedAt
        self.working = working
    }

    /// Whether the clock still runs or waits (not met, not stopped).
    public var isOpen: Bool { metAt == nil && stoppedAt == nil }

    /// Whether the clock runs now: open and not paused.
    public var isRunning: Bool { isOpen && pausedAt == nil }

    /// Whether the deadline is missed as seen at `now`: recorded missed by the scheduler (a miss stays
    /// a miss, whatever is backdated later), met or stopped late, or still open past due. Times are
    /// compared to the whole second (``ClientTime``): a contact in the second the clock falls due is in time.
    public func isMissed(at now: Date) -> Bool {
        missedAt != nil || ClientTime.isAfter(metAt ?? stoppedAt ?? pausedAt ?? now, dueAt)
    }

    /// The next instant the scheduler has something to record for this clock, if any.
    public var nextCheckAt: Date? {
        guard isRunning else { return nil }
        if warnedAt == nil, let warnAt { return warnAt }
        return missedAt == nil ? missCheckAt : nil
    }

    /// When the scheduler may record the miss: the due time, or later for a complaint registered late.
    public var missCheckAt: Date {
        guard let missJudgedFrom else { return dueAt }
        return max(dueAt, missJudgedFrom)
    }
}
