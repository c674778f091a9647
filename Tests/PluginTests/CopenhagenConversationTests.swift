import Foundation
import KlageKernel
import KlageTestSupport
import Testing

/// What a Copenhagen conversation leaves on the record, over HTTP on every engine: a declined
/// conversation is no §13 note, and the citizen's own task is the citizen's, not staff overdue.
@Suite struct CopenhagenConversationTests {
    static func record(_ server: TestServer, _ id: String, at time: Date, fields: JSONValue, key: String) async throws {
        _ = try await server.result(
            "contact.record",
            [
                "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(time)), "summary": "Called back",
                "fields": fields,
            ], key: key)
    }

    /// A server on a fixed clock with a Copenhagen complaint received an hour ago: `body` gets the server,
    /// the clock, a caseworker's and a leader's key, and the complaint's id.
    static func withComplaint(
        _ backend: StorageBackend, _ body: @escaping @Sendable (TestServer, FixedClock, String, String, String) async throws -> Void
    ) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let leader = try await server.key("kobenhavn", .leader)
            let id = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key).string("id"))
            clock.advance(by: 3600)
            try await body(server, clock, key, leader, id)
        }
    }

    static func journeyTypes(_ server: TestServer, _ id: String, key: String) async throws -> [String] {
        (try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []).compactMap { $0.string("type") }
    }

    @Test(arguments: StorageBackend.available)
    func aConversationTheCitizenDeclinedIsNoSection13Note(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let id = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key).string("id"))
            clock.advance(by: 3600)
            var declined = CopenhagenWalkTests.triangle.objectValue!
            declined["introduction"] = ["purposeStated": true, "acceptance": false, "note": "Not now; call again on Tuesday"]
            try await Self.record(server, id, at: clock.now(), fields: .object(declined), key: key)
            var types = try await Self.journeyTypes(server, id, key: key)
            #expect(!types.contains("borgerkontakt.section13Note"), "a declined conversation is not the note of a conversation")
            #expect(types.contains("borgerkontakt.conversationDeclined"))

            clock.advance(by: 86_400)
            try await Self.record(server, id, at: clock.now(), fields: CopenhagenWalkTests.triangle, key: key)
            types = try await Self.journeyTypes(server, id, key: key)
            #expect(types.filter { $0 == "borgerkontakt.section13Note" }.count == 1, "the conversation that took place is")
        }
    }

    @Test(arguments: StorageBackend.available)
    func theCitizensOwnTaskIsListedAsTheCitizensAndNeverOverdue(_ backend: StorageBackend) async throws {
        try await Self.withComplaint(backend) { server, clock, key, leader, id in
            try await Self.record(server, id, at: clock.now(), fields: CopenhagenWalkTests.triangle, key: key)
            let tasks = try await server.result("borgerkontakt.task.list", ["complaintId": .string(id)], key: key)["items"]?.arrayValue ?? []
            #expect(tasks.map { $0["byCitizen"] } == [nil, true])

            clock.set(Timestamp.parse("2026-11-30T08:00:00Z")!)  // both tasks past due
            let overdue = try await server.result("borgerkontakt.task.list", ["overdue": true], key: key)["items"]?.arrayValue ?? []
            #expect(overdue.map { $0.string("who") } == ["Caseworker"])
            let attention = try await server.result("attention.list", key: leader)["items"]?.arrayValue ?? []
            #expect(attention.filter { $0.string("kind") == "borgerkontakt.taskOverdue" }.count == 1)
            #expect(attention.contains { $0.string("title") == "Agreed task with the citizen (point 2 of the agreement)" } == false)
        }
    }

    @Test(arguments: StorageBackend.available)
    func eachCompletedConversationIsASection13NoteToPrintAndItsReadIsLogged(_ backend: StorageBackend) async throws {
        try await Self.withComplaint(backend) { server, clock, key, leader, id in
            var declined = CopenhagenWalkTests.triangle.objectValue!
            declined["introduction"] = ["purposeStated": true, "acceptance": false]
            try await Self.record(server, id, at: clock.now(), fields: .object(declined), key: key)
            try await Self.record(server, id, at: clock.now(), fields: [:], key: key)
            clock.advance(by: 3600)
            try await Self.record(server, id, at: clock.now(), fields: CopenhagenWalkTests.triangle, key: key)

            // Only the conversation with a completed triangle is a note: when, who, what was heard and agreed.
            let notes = try await server.result("borgerkontakt.note.list", ["complaintId": .string(id)], key: key)["items"]?.arrayValue ?? []
            #expect(notes.count == 1)
            let note = try #require(notes.first)
            #expect(note.string("occurredAt") == Timestamp.format(clock.now()))
            #expect(note.string("citizen") == "Jens Hansen")
            #expect(note["recordedBy"]?.stringValue?.isEmpty == false)
            #expect(note["options"] == ["loan a walker", "express delivery"])
            #expect(note["tasks"]?.arrayValue?.compactMap { $0.string("what") } == ["Order express delivery", "Call if it has not arrived"])
            #expect(note["thanked"] == true && note["furtherQuestions"] == true)

            // Reading the notes reads the citizen's name: it is in the complaint's access log.
            let reads = try await server.result("complaint.accessLog", ["id": .string(id)], key: leader)["reads"]?.arrayValue ?? []
            #expect(reads.contains { $0.string("purpose") == "plug-in" })

            // Another municipality's caseworker finds no complaint, and the console declares the notes as documents.
            let roskilde = try await server.key("roskilde", .caseworker)
            let foreign = try await server.call("borgerkontakt.note.list", ["complaintId": .string(id)], key: roskilde)
            #expect(foreign["error"]?["code"] != nil && foreign["result"] == nil)
            let missing = try await server.call("borgerkontakt.note.list", [:], key: key)
            #expect(missing["error"]?["data"]?["field"] == "complaintId")
        }
    }
}
