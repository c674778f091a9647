import Foundation
import KlageKernel

/// A complaint as the API shows it (API.md "Records"), with times as RFC 3339 and `missed` worked out now.
public struct ComplaintView: Encodable, Sendable {
    /// A deadline as the API shows it.
    public struct DeadlineView: Encodable, Sendable {
        let name: String
        let dueAt: String
        let warnAt: String?
        let metAt: String?
        let stoppedAt: String?
        let pausedAt: String?
        let missed: Bool
    }

    /// The citizen as the API shows it.
    public struct CitizenView: Encodable, Sendable {
        let name: String
        let phone: String?
        let email: String?
        let cpr: String?
    }

    let id: String
    let tenant: String
    let workflow: String
    let workflowVersion: Int
    let state: String
    let track: String
    let channel: String
    let subject: String
    let description: String
    let remedy: String?
    let citizen: CitizenView
    let department: String?
    let externalRef: String?
    let receivedAt: String
    let deadlines: [DeadlineView]
    let outcome: String?
    let fields: [String: JSONValue]
    let version: Int
    let createdAt: String
    let updatedAt: String
    let closedAt: String?
    let escalatedAt: String?
    let paused: Bool

    public init(_ complaint: Complaint, now: Date) {
        id = complaint.id.rawValue
        tenant = complaint.tenant.rawValue
        workflow = complaint.workflow.rawValue
        workflowVersion = complaint.workflowVersion
        state = complaint.state.rawValue
        track = complaint.track.rawValue
        channel = complaint.channel.rawValue
        subject = complaint.subject
        description = complaint.description
        remedy = complaint.remedy
        citizen = CitizenView(name: complaint.citizen.name, phone: complaint.citizen.phone, email: complaint.citizen.email, cpr: complaint.citizen.cpr)
        department = complaint.department
        externalRef = complaint.externalRef
        receivedAt = Timestamp.format(complaint.receivedAt)
        deadlines = complaint.deadlines.map { deadline in
            DeadlineView(name: deadline.name, dueAt: Timestamp.format(deadline.dueAt), warnAt: deadline.warnAt.map(Timestamp.format),
                         metAt: deadline.metAt.map(Timestamp.format), stoppedAt: deadline.stoppedAt.map(Timestamp.format),
                         pausedAt: deadline.pausedAt.map(Timestamp.format), missed: deadline.isMissed(at: now))
        }
        outcome = complaint.outcome?.rawValue
        fields = complaint.fields
        version = complaint.version
        createdAt = Timestamp.format(complaint.createdAt)
        updatedAt = Timestamp.format(complaint.updatedAt)
        closedAt = complaint.closedAt.map(Timestamp.format)
        escalatedAt = complaint.escalatedAt.map(Timestamp.format)
        paused = complaint.isPaused
    }

    /// The OpenRPC schema of this view.
    static let schema = RPCSchema.object([
        "id": .string, "tenant": .string, "workflow": .string, "workflowVersion": .integer(), "state": .string,
        "track": .oneOf(ComplaintTrack.allCases.map(\.rawValue)), "channel": .oneOf(Channel.allCases.map(\.rawValue)),
        "subject": .string, "description": .string, "remedy": .nullable(.string), "citizen": .ref("Citizen"),
        "department": .nullable(.string), "externalRef": .nullable(.string), "receivedAt": .dateTime,
        "deadlines": .array(.ref("Deadline")), "outcome": .nullable(.oneOf(Outcome.allCases.map(\.rawValue))),
        "fields": .anyObject, "version": .integer(), "createdAt": .dateTime, "updatedAt": .dateTime, "closedAt": .nullable(.dateTime),
        "escalatedAt": .nullable(.dateTime), "paused": .boolean,
    ], required: ["id", "tenant", "workflow", "state", "channel", "subject", "description", "citizen", "receivedAt", "deadlines", "fields", "version", "createdAt", "updatedAt"])
}
