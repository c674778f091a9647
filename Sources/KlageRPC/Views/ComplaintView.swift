public import Foundation
public import KlageKernel

/// A complaint as the API shows it (API.md "Records").
///
/// A view remains here because the wire shape truly differs from ``KlageKernel/Complaint``: each
/// deadline's `missed` and the complaint's `paused` are worked out at read time (`now`), and the
/// scheduler's bookkeeping on a deadline (`warnedAt`, `missedAt`, `working`, `startedAt`, `missJudgedFrom`) stays internal.
/// Times encode as RFC 3339 through the response encoder's one date strategy.
public struct ComplaintView: Encodable, Sendable {
    /// A deadline as the API shows it: its times and whether it is missed now.
    public struct DeadlineView: Encodable, Sendable {
        let name: String
        let dueAt: Date
        let warnAt: Date?
        let metAt: Date?
        let stoppedAt: Date?
        let pausedAt: Date?
        let missed: Bool
    }

    let id: ComplaintID
    let tenant: TenantID
    let workflow: WorkflowID
    let workflowVersion: Int
    let state: StateID
    let track: ComplaintTrack
    let channel: Channel
    let subject: String
    let description: String
    let remedy: String?
    let citizen: Citizen
    let department: String?
    let assignee: String?
    let handoffs: Int
    let externalRef: String?
    let receivedAt: Date
    let deadlines: [DeadlineView]
    let outcome: Outcome?
    let fields: [String: JSONValue]
    let version: Int
    let createdAt: Date
    let updatedAt: Date
    let closedAt: Date?
    let escalatedAt: Date?
    let paused: Bool
    /// Set when processing is restricted (GDPR art. 18 / 17(3)(b)); only admins then see the complaint.
    let restrictedAt: Date?
    /// Set when the personal data was anonymised.
    let anonymisedAt: Date?

    /// The complaint as `viewer` may see it: the CPR number is masked unless ``KlageKernel/CPRVisibility`` lets them read it.
    public init(_ complaint: Complaint, now: Date, for viewer: Principal) {
        id = complaint.id
        tenant = complaint.tenant
        workflow = complaint.workflow
        workflowVersion = complaint.workflowVersion
        state = complaint.state
        track = complaint.track
        channel = complaint.channel
        subject = complaint.subject
        description = complaint.description
        remedy = complaint.remedy
        citizen = CPRVisibility.citizen(of: complaint, for: viewer)
        department = complaint.department
        assignee = complaint.assignee
        handoffs = complaint.handoffs
        externalRef = complaint.externalRef
        receivedAt = complaint.receivedAt
        deadlines = complaint.deadlines.map { deadline in
            DeadlineView(
                name: deadline.name, dueAt: deadline.dueAt, warnAt: deadline.warnAt, metAt: deadline.metAt,
                stoppedAt: deadline.stoppedAt, pausedAt: deadline.pausedAt, missed: deadline.isMissed(at: now))
        }
        outcome = complaint.outcome
        fields = complaint.fields
        version = complaint.version
        createdAt = complaint.createdAt
        updatedAt = complaint.updatedAt
        closedAt = complaint.closedAt
        escalatedAt = complaint.escalatedAt
        paused = complaint.isPaused
        restrictedAt = complaint.restrictedAt
        anonymisedAt = complaint.anonymisedAt
    }

    /// The OpenRPC schema of this view.
    static let schema = extendedSchema([:])

    /// The OpenRPC schema of this view with more properties, for a result that adds to the complaint.
    static func extendedSchema(_ more: [String: RPCSchema]) -> RPCSchema {
        RPCSchema.object(
            properties.merging(more) { _, new in new },
            required: [
                "id", "tenant", "workflow", "state", "channel", "subject", "description", "citizen", "receivedAt", "deadlines", "fields",
                "version", "createdAt", "updatedAt", "handoffs",
            ])
    }

    private static let properties: [String: RPCSchema] =
        [
            "id": .string, "tenant": .string, "workflow": .string, "workflowVersion": .integer(), "state": .string,
            "track": .oneOf(ComplaintTrack.allCases.map(\.rawValue)), "channel": .oneOf(Channel.allCases.map(\.rawValue)),
            "subject": .string, "description": .string, "remedy": .nullable(.string), "citizen": .ref("Citizen"),
            "department": .nullable(.string), "assignee": .nullable(.string), "handoffs": .integer(minimum: 0), "externalRef": .nullable(.string),
            "receivedAt": .dateTime,
            "deadlines": .array(.ref("Deadline")), "outcome": .nullable(.oneOf(Outcome.allCases.map(\.rawValue))),
            "fields": .anyObject, "version": .integer(), "createdAt": .dateTime, "updatedAt": .dateTime, "closedAt": .nullable(.dateTime),
            "escalatedAt": .nullable(.dateTime), "paused": .boolean, "restrictedAt": .nullable(.dateTime),
            "anonymisedAt": .nullable(.dateTime),
        ]
}
