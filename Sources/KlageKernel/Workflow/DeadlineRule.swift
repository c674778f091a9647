public import Foundation

/// A deadline a workflow sets: when its clock starts, how long it runs, and what meets it.
///
/// ```swift
/// DeadlineRule("firstContact", title: "Call the citizen back", starts: .onReceipt,
///              duration: .hours(24), setting: "firstContactDeadline", metBy: .oralContact)
/// ```
/// A tenant overrides the duration with the named setting, e.g. `"firstContactDeadline": "8wh"`.
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
        /// The first oral, two-way contact (phone, meeting, video that reached the citizen).
        case oralContact
        /// Any recorded contact that reached the citizen.
        case anyContact
        /// A written contact (letter, e-mail or Digital Post), e.g. a written answer.
        case writtenContact
        /// Entering one of these states.
        case entering([StateID])
        /// Closing the complaint (entering any final state).
        case closing
    }

    public let name: String
    /// The title in each language.
    public let titles: LocalizedText
    /// The English title.
    public var title: String { titles.en }
    public let start: Start
    public let duration: DeadlineDuration
    /// The tenant setting that may override `duration` (a string such as `"24h"`, `"8wh"`, `"10d"`, `"5wd"`).
    public let setting: String?
    public let completion: Completion
    /// How far into the duration the warn point lies (0.75: after three quarters of the time).
    public let warnAt: Double

    public init(
        _ name: String, title: LocalizedText, starts start: Start, duration: DeadlineDuration, setting: String? = nil,
        metBy completion: Completion, warnAt: Double = 0.75
    ) {
        precondition(warnAt > 0 && warnAt < 1, "the warn point lies inside the duration")
        self.name = name
        self.titles = title
        self.start = start
        self.duration = duration
        self.setting = setting
        self.completion = completion
        self.warnAt = warnAt
    }

    /// The duration for a tenant: its setting when valid, else the rule's own.
    public func duration(settings: [String: JSONValue]) -> DeadlineDuration {
        guard let setting, let text = settings[setting]?.stringValue, let parsed = DeadlineDuration(text) else { return duration }
        return parsed
    }
}

/// How long a clock runs: calendar hours or days, or working hours or days on the tenant's working calendar
/// (``DanishCalendar``; a working day is ``DanishCalendar/adding(workingDays:fraction:to:)``).
public enum DeadlineDuration: Sendable, Hashable, CustomStringConvertible {
    case hours(Int)
    case days(Int)
    case workingHours(Int)
    case workingDays(Int)

    /// Parses `24h`, `10d`, `8wh` or `5wd`; at most 1,000 of any unit (about four years of working days).
    public init?(_ text: String) {
        let units: [(String, (Int) -> DeadlineDuration)] = [
            ("wh", DeadlineDuration.workingHours), ("wd", DeadlineDuration.workingDays), ("h", DeadlineDuration.hours), ("d", DeadlineDuration.days),
        ]
        for (suffix, make) in units where text.hasSuffix(suffix) {
            guard let value = Int(text.dropLast(suffix.count)), (1...1_000).contains(value) else { return nil }
            self = make(value)
            return
        }
        return nil
    }

    public var description: String {
        switch self {
        case .hours(let value): "\(value)h"
        case .days(let value): "\(value)d"
        case .workingHours(let value): "\(value)wh"
        case .workingDays(let value): "\(value)wd"
        }
    }

    /// Whether it counts working time.
    public var isWorking: Bool {
        switch self {
        case .workingHours, .workingDays: true
        case .hours, .days: false
        }
    }

    /// The instant after `start` at which `fraction` of the duration has passed; working time on `calendar`.
    public func end(from start: Date, fraction: Double = 1, calendar: DanishCalendar) -> Date {
        switch self {
        case .hours(let hours): start.addingTimeInterval(Double(hours) * 3600 * fraction)
        case .days(let days): start.addingTimeInterval(Double(days) * 86_400 * fraction)
        case .workingHours(let hours): calendar.adding(workingHours: Double(hours) * fraction, to: start)
        case .workingDays(let days): calendar.adding(workingDays: days, fraction: fraction, to: start)
        }
    }
}
