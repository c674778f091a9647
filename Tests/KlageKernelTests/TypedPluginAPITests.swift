import Foundation
import Testing

@testable import KlageKernel

/// The typed plug-in API: fields declared once and read typed, records stored in the shape the store
/// has always kept, settings checked by their declaration.
@Suite struct TypedPluginAPITests {
    enum Decision: String, Codable, Sendable, CaseIterable { case act, noAction }

    struct Task: StorableRecord {
        static let kind = "task"
        enum State: String, RecordState { case open, done }
        var complaintId: ComplaintID
        var point: Int
        var state: State
        var dueAt: Date
        var note: String?
        var index: RecordIndex<State> { RecordIndex(ref: complaintId.rawValue, state: state, dueAt: dueAt) }
    }

    @Test func aFieldIsRequiredExactlyWhenItsTypeIsNotOptional() throws {
        let id = Field<ComplaintID>("complaintId", .text(max: 64))
        let note = Field<String?>("note", .text(max: 2_000))
        let decision = Field<Decision>("decision", .choice(of: Decision.self))
        #expect(id.spec.required && !note.spec.required && !id.optional.spec.required)
        #expect(decision.spec.kind == .choice(["act", "noAction"]))
        let params: [String: JSONValue] = ["complaintId": "c-1", "decision": "noAction"]
        #expect(try id.value(in: params) == "c-1")
        #expect(try note.value(in: params) == nil)
        #expect(try decision.value(in: params) == .noAction)
        #expect(throws: KlageError.self) { try Field<String>("note", .text(max: 9)).value(in: params) }
    }

    @Test func aTypedRecordIsStoredInTheUntypedShape() throws {
        let due = Timestamp.parse("2026-12-01T12:00:00Z")!
        let now = Timestamp.parse("2026-11-25T09:30:00Z")!
        let task = Task(complaintId: "c-1", point: 2, state: .open, dueAt: due, note: nil)
        let stored = try PluginRecord(task, id: "r-1", version: 1, createdAt: now, updatedAt: now)
        #expect(stored.kind == "task" && stored.ref == "c-1" && stored.state == "open" && stored.dueAt == due)
        #expect(stored.body == ["complaintId": "c-1", "point": 2])
        let read = try StoredRecord<Task>(stored)
        #expect(read.point == 2 && read.state == .open && read.dueAt == due && read.id.rawValue == "r-1")
        #expect(try PluginJSON.encode(read) == stored.json)
    }

    @Test func declaredSettingsAreCheckedAndReadWithTheirDefault() throws {
        let deadline = DeadlineSetting("test.answerDeadline", default: .workingDays(5))
        let attempts = NumberSetting("test.attempts", range: 1...5, default: 3)
        #expect(deadline.value(in: [:]) == .workingDays(5))
        #expect(deadline.value(in: ["test.answerDeadline": "8wh"]) == .workingHours(8))
        #expect(attempts.value(in: ["test.attempts": 4]) == 4)
        #expect(throws: KlageError.self) { try TenantSettings.validate(["test.answerDeadline": "soon"], declared: [deadline]) }
        #expect(throws: KlageError.self) { try TenantSettings.validate(["test.attempts": 9], declared: [attempts]) }
        try TenantSettings.validate(["test.answerDeadline": "2wd", "test.attempts": 2], declared: [deadline, attempts])
    }
}
