import Foundation
import KlageKernel

@testable import KlageStorage

/// One record of every stored kind, with optionals both set and `nil`, for the row-coding tests.
enum RecordSamples {
    static let at = Date(timeIntervalSince1970: 1_790_000_000.123)
    static let later = at.addingTimeInterval(3_600)

    static let complaint: Complaint = {
        var deadline = Deadline(name: "firstContact", dueAt: later, warnAt: at, working: true)
        deadline.startedAt = at
        return Complaint(
            id: "c1", tenant: "kobenhavn", workflowVersion: 3, state: "open",
            intake: NewComplaint(
                workflow: "borgerkontakt.dialogue", track: .appeal, channel: .digitalPost, subject: "Walker", description: "Nine weeks",
                citizen: Citizen(name: "Jens Hansen", phone: "+45 12345678"), department: "Træning", externalRef: "ESDH-1",
                fields: ["wantsWrittenAnswer": true, "note": "a/b"]),
            receivedAt: at, deadlines: [deadline], outcome: .upheld, version: 4, createdAt: at,
            updatedAt: later, closedAt: nil, escalatedAt: later, assignee: "caseworker-1", handoffs: 2)
    }()

    static let contact = Contact(
        id: "k1", tenant: "kobenhavn", complaintId: "c1", kind: .phone, reached: false, occurredAt: at, recordedBy: "caseworker-1",
        summary: "No answer", agreement: nil, durationMinutes: 5, fields: [:], createdAt: later)

    static let event = DomainEvent(
        id: "e1", tenant: "kobenhavn", complaintId: "c1", at: at, type: .contactRecorded, actor: "caseworker-1", summary: "Called",
        data: ["reached": false])

    static let learningItem = LearningItem(
        id: "l1", tenant: "kobenhavn", complaintId: nil, title: "Late hand-over", insight: "Plans arrive late.", department: nil,
        tags: ["handover"], state: "proposed", version: 2, createdAt: at, updatedAt: later)

    static let effort = EffortEntry(
        id: "f1", tenant: "kobenhavn", complaintId: "c1", minutes: 25, activity: nil, recordedBy: "caseworker-1", at: at, createdAt: later)

    static let baselines = [
        Baseline(
            tenant: "kobenhavn", department: nil, from: at, to: later, received: 120, appealsForwarded: nil, medianDaysToClose: 12.5,
            satisfactionMean: nil, source: "ESDH", updatedAt: later),
        Baseline(
            tenant: "kobenhavn", department: "Træning", from: at, to: later, received: nil, appealsForwarded: 3, medianDaysToClose: nil,
            satisfactionMean: 3.75, source: nil, updatedAt: later),
    ]

    static let tenant = Tenant(
        id: "kobenhavn", name: "København", plugins: ["borgerkontakt"], settings: ["closingDays": ["2026-12-24"]], createdAt: at)

    static let keys = [
        APIKey(id: "a1", tenant: "kobenhavn", role: .caseworker, label: "ESDH", hash: "h1", createdAt: at),
        APIKey(id: "a2", tenant: nil, role: .operator, label: "host", hash: "h2", createdAt: at, revokedAt: later),
    ]

    static let survey = Survey(tenant: "kobenhavn", complaintId: "c1", tokenHash: "t1", issuedAt: at, expiresAt: later, score: 4)

    static let pulse = StaffPulse(id: "p1", tenant: "kobenhavn", department: "Træning", score: 5, day: at)

    static let auditEntry = AuditEntry(
        tenant: "kobenhavn", seq: 7, kind: .read, reference: "c1", occurredAt: at, actor: "caseworker-1", digest: "d", previousHash: "p",
        hash: "h")

    /// Each sample's columns and whether it reads back equal to itself from a row of them.
    static let all: [(table: String, columns: [ColumnValue], readsBack: Bool)] = {
        func sample<Record: TableRecord & Equatable>(_ record: Record) -> (String, [ColumnValue], Bool) {
            let columns = try! record.columns()
            let row = SQLRow(
                columns: Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) }), values: columns.map(\.value))
            return (Record.table.name, columns, (try? Record(row: row)) == record)
        }
        return [
            sample(complaint), sample(contact), sample(event), sample(learningItem), sample(effort), sample(baselines[0]),
            sample(baselines[1]), sample(tenant), sample(keys[0]), sample(keys[1]), sample(survey), sample(pulse), sample(auditEntry),
        ]
    }()
}
