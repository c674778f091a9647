public import Foundation

/// The kind of a domain event. Plug-ins may declare their own (`EventType("roskilde.shared")`).
public struct EventType: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// A complaint was received (created).
    public static let complaintReceived: EventType = "complaint.received"
    /// A workflow action was taken.
    public static let actionTaken: EventType = "complaint.actionTaken"
    /// A complaint entered a state.
    public static let stateEntered: EventType = "complaint.stateEntered"
    /// A contact with the citizen was recorded.
    public static let contactRecorded: EventType = "contact.recorded"
    /// A deadline was met.
    public static let deadlineMet: EventType = "deadline.met"
    /// A deadline was missed.
    public static let deadlineMissed: EventType = "deadline.missed"
    /// A deadline reached its warn point.
    public static let deadlineWarned: EventType = "deadline.warned"
    /// A missed deadline was escalated to a leader.
    public static let deadlineEscalated: EventType = "deadline.escalated"
    /// The complaint's clocks were paused or resumed.
    public static let clocksPaused: EventType = "deadline.paused"
    public static let clocksResumed: EventType = "deadline.resumed"
    /// A written confirmation of the agreement is owed to the citizen (a tenant that sends one, ``AgreementConfirmation``).
    public static let confirmationOwed: EventType = "complaint.confirmationOwed"
    /// A closed complaint was reopened.
    public static let reopened: EventType = "complaint.reopened"
    /// The citizen chose whether to receive a written answer (`data.wants`).
    public static let writtenAnswerChosen: EventType = "complaint.writtenAnswerChosen"
    /// Closed by agreement, in a tenant that sends a confirmation, with a citizen who wants no written answer: none is owed.
    public static let confirmationWaived: EventType = "complaint.confirmationWaived"
    /// Closed by agreement, in a tenant that sends a confirmation, after the written answer reached the citizen
    /// (`data.contactId`): that answer is the confirmation, and no second letter is owed.
    public static let confirmationGiven: EventType = "complaint.confirmationGiven"
    /// The complaint was forwarded (`data.to`), e.g. an appeal to the appeals board.
    public static let forwarded: EventType = "complaint.forwarded"
    /// The citizen was not reached in the tenant's number of call attempts: a letter or e-mail now meets first contact.
    public static let writtenRouteOpened: EventType = "contact.writtenRouteOpened"
    /// The citizen asked for written contact (`data.reason`, a ``WrittenContactReason``): the written route is open.
    public static let writtenContactPreferred: EventType = "contact.writtenContactPreferred"
    /// The complaint's legal track was corrected (`data.from`, `data.to`, `data.note`: the reason).
    public static let retracked: EventType = "complaint.retracked"
    /// The responsible department or assignee was set on a complaint that had none (not a hand-off).
    public static let assigned: EventType = "complaint.assigned"
    /// The responsible department or assignee changed from one that was set: a hand-off.
    public static let handedOff: EventType = "complaint.handedOff"
    /// Staff time spent on a complaint was recorded.
    public static let effortRecorded: EventType = "effort.recorded"
    /// A satisfaction survey was issued.
    public static let surveyIssued: EventType = "survey.issued"
    /// A learning item was created.
    public static let learningCreated: EventType = "learning.created"
    /// A learning item moved through its workflow.
    public static let learningActed: EventType = "learning.acted"
}

/// An append-only record of something that happened; the complaint journey is made of these.
///
/// Encodes as a journey shows it (`complaint.journey`): without `tenant` and the complaint or
/// learning item it belongs to, which the journey names already.
public struct DomainEvent: Sendable, Hashable, Codable {
    public let id: EventID
    @NotEncoded public private(set) var tenant: TenantID
    /// The complaint the event belongs to, if any.
    @NotEncoded public private(set) var complaintId: ComplaintID?
    /// The learning item the event belongs to, if any.
    @NotEncoded public private(set) var learningItemId: LearningItemID?
    public let at: Date
    public let type: EventType
    /// The id of the actor who caused it (`system` for the scheduler).
    public let actor: String
    /// One line for the journey; never personal data.
    public let summary: String
    public let data: [String: JSONValue]
    /// The `traceparent` of the request that recorded it (``RequestTrace``): stored, passed on to
    /// webhooks, never shown in a journey or the feed.
    @NotEncoded public private(set) var traceParent: String?

    public init(
        id: EventID, tenant: TenantID, complaintId: ComplaintID? = nil, learningItemId: LearningItemID? = nil,
        at: Date, type: EventType, actor: String, summary: String, data: [String: JSONValue] = [:],
        traceParent: String? = RequestTrace.parent
    ) {
        self.id = id
        self.tenant = tenant
        self.complaintId = complaintId
        self.learningItemId = learningItemId
        self.at = at
        self.type = type
        self.actor = actor
        self.summary = summary
        self.data = data
        self.traceParent = traceParent
    }
}
