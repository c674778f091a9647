import Foundation

/// A deadline a workflow sets: when its clock starts, how long it runs, and what meets it.
///
/// ```swift
/// DeadlineRule("firstContact", title: "First contact", starts: .onReceipt,
///              duration: .hours(24), metBy: .oralContact)
/// ```
public struct DeadlineRule: Sendable, Hashable {
    /// When the clock starts.
    public enum Start: Sendable, Hashable {
        /// At the complaint's `receivedAt`.
        case onReceipt
        /// When the complaint enters the state.
        case onEntering(StateID)
    }

    /// What meets the deadline.
    public enum Completion: Sendable, Hashable {
        /// The first oral, two-way contact (phone, meeting, video); letters and e-mails do not count.
        case oralContact
        /// Any recorded contact.
        case anyContact
        /// Entering one of these states.
        case entering([StateID])
    }

    /// How long the clock runs.
    public enum Duration: Sendable, Hashable {
        /// Calendar hours, nights and weekends included.
        case hours(Int)
        /// Calendar days.
        case days(Int)

        /// The due time for a clock started at `start`.
        public func due(from start: Date) -> Date {
            switch self {
            case .hours(let hours): start.addingTimeInterval(TimeInterval(hours) * 3600)
            case .days(let days): start.addingTimeInterval(TimeInterval(days) * 86_400)
            }
        }
    }

    public let name: String
    public let title: String
    public let start: Start
    public let duration: Duration
    public let completion: Completion

    public init(_ name: String, title: String, starts start: Start, duration: Duration, metBy completion: Completion) {
        self.name = name
        self.title = title
        self.start = start
        self.duration = duration
        self.completion = completion
    }
}
