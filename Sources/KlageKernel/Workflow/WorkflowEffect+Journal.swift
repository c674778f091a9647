public import Foundation

/// One line of a complaint's journey that an engine effect puts there: its type, summary and data.
public struct JournalEntry: Sendable, Hashable {
    /// The event's type.
    public let type: EventType
    /// A line for people, free of personal data.
    public let summary: String
    /// What the line is about, for machines.
    public let data: [String: JSONValue]

    init(_ type: EventType, _ summary: String, _ data: [String: JSONValue] = [:]) {
        self.type = type
        self.summary = summary
        self.data = data
    }
}

extension WorkflowEffect {
    /// What the effect puts on the journey: one entry, or two for a missed clock (missed, then escalated).
    /// The service that stores a change and the demo data that imitates one both read it here.
    public var journal: [JournalEntry] {
        switch self {
        case .actionTaken(let action, let outcome):
            [
                JournalEntry(
                    .actionTaken, "Action '\(action)' taken" + (outcome.map { " with outcome \($0.rawValue)" } ?? ""),
                    ["action": .string(action.rawValue), "outcome": outcome.map { .string($0.rawValue) } ?? .null])
            ]
        case .entered(let state):
            [JournalEntry(.stateEntered, "Entered state '\(state)'", ["state": .string(state.rawValue)])]
        case .deadlineStarted(let name, let dueAt):
            [JournalEntry("deadline.started", "Deadline '\(name)' started", ["deadline": .string(name), "dueAt": .string(Timestamp.format(dueAt))])]
        case .deadlineMet(let name, let late):
            [JournalEntry(.deadlineMet, "Deadline '\(name)' met" + (late ? " late" : ""), ["deadline": .string(name), "late": .bool(late)])]
        case .deadlineStopped(let name):
            [JournalEntry("deadline.stopped", "Deadline '\(name)' stopped at closing", ["deadline": .string(name)])]
        case .deadlineWarned(let name):
            [JournalEntry(.deadlineWarned, "Deadline '\(name)' is at risk", ["deadline": .string(name)])]
        case .deadlineMissed(let name):
            [
                JournalEntry(.deadlineMissed, "Deadline '\(name)' missed", ["deadline": .string(name)]),
                JournalEntry(.deadlineEscalated, "Missed deadline '\(name)' escalated to a leader", ["deadline": .string(name), "to": "leader"]),
            ]
        case .clocksPaused:
            [JournalEntry(.clocksPaused, "Clocks paused")]
        case .clocksResumed:
            [JournalEntry(.clocksResumed, "Clocks resumed")]
        case .confirmationOwed:
            [JournalEntry(.confirmationOwed, "A written confirmation of the agreement is owed to the citizen")]
        case .reopened(let state):
            [JournalEntry(.reopened, "Complaint reopened", ["state": .string(state.rawValue)])]
        case .writtenAnswerChosen(let wants):
            [
                JournalEntry(
                    .writtenAnswerChosen, wants ? "The citizen wants a written answer" : "The citizen does not want a written answer",
                    ["wants": .bool(wants)])
            ]
        case .confirmationWaived:
            [JournalEntry(.confirmationWaived, "No written confirmation owed: the citizen chose not to receive a written answer")]
        case .confirmationGiven(let contact):
            [
                JournalEntry(
                    .confirmationGiven, "No second letter owed: the written answer already sent confirms the agreement",
                    ["contactId": .string(contact.rawValue)])
            ]
        case .forwarded(let to):
            [JournalEntry(.forwarded, "Forwarded to \(to)", ["to": .string(to)])]
        case .writtenContactPreferred(let reason):
            [
                JournalEntry(
                    .writtenContactPreferred, "The citizen asked for written contact: the written route is open", ["reason": .string(reason.rawValue)]
                )
            ]
        case .retracked(let from, let to):
            [
                JournalEntry(
                    .retracked, "Track corrected from \(from.rawValue) to \(to.rawValue)",
                    ["from": .string(from.rawValue), "to": .string(to.rawValue)])
            ]
        case .writtenRouteOpened(let attempts):
            [
                JournalEntry(
                    .writtenRouteOpened, "Citizen not reached in \(attempts) call attempts: a letter or e-mail now meets the first-contact deadline",
                    ["attempts": .number(Double(attempts))])
            ]
        }
    }

    /// Whether the effect is bookkeeping the complaint's own fields already show (a state entered, a clock
    /// started, stopped, warned, paused or resumed), rather than something that happened to the case.
    public var isBookkeeping: Bool {
        switch self {
        case .entered, .deadlineStarted, .deadlineStopped, .deadlineWarned, .clocksPaused, .clocksResumed: true
        default: false
        }
    }
}
