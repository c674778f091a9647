import ExampleAcknowledgement
import Foundation
import KlageKernel
import KlageTestSupport
import Testing

/// The example plug-in of the guide *Writing a plug-in* works as the guide says: a tenant enables it,
/// its workflow runs, its working-day deadline is met by a letter, its operation writes the journey, a
/// promise recorded with a contact becomes a follow-up that is listed, shown to leaders once overdue and
/// exported with the citizen's data (on both engines: it is kept in the store), and an appeal is forwarded.
@Suite struct ExamplePluginTests {
    @Test func theExampleIsSound() throws {
        try PluginVerifier.verify(ExampleAcknowledgement())
    }

    @Test func aTenantEnablesTheExampleAndWalksItsWorkflow() async throws {
        let clock = FixedClock(Timestamp.parse("2026-11-27T14:00:00Z")!)  // a Friday afternoon
        try await withTestServer(clock: clock) { server throws in
            let badSetting = try await server.call(
                "tenant.create",
                [
                    "id": "odense", "name": "Odense Kommune", "plugins": ["example"], "settings": ["example.acknowledgementDeadline": "soon"],
                ], key: server.operatorKey)
            #expect(badSetting["error"]?["data"]?["field"] == "settings.example.acknowledgementDeadline")
            _ = try await server.result(
                "tenant.create",
                [
                    "id": "odense", "name": "Odense Kommune", "plugins": ["example"], "settings": ["example.acknowledgementDeadline": "1wd"],
                ], key: server.operatorKey)
            let key = try await server.key("odense", .caseworker)
            let id = try await Self.complaint(on: server, key: key)
            // One working day from Friday 15:00 CET is Monday 15:00 CET.
            let created = try await server.result("complaint.get", ["id": .string(id)], key: key)
            #expect(created["deadlines"]?.arrayValue?.first?.string("dueAt") == "2026-11-30T14:00:00Z")

            clock.advance(by: 3600)
            _ = try await server.result(
                "contact.record",
                [
                    "complaintId": .string(id), "kind": "letter", "occurredAt": .string(Timestamp.format(clock.now())), "summary": "Acknowledged",
                ], key: key)
            let acknowledged = try await server.result("complaint.act", ["id": .string(id), "action": "acknowledge", "version": 2], key: key)
            #expect(acknowledged.string("state") == "acknowledged")
            let noAnswer = try await server.call(
                "complaint.act", ["id": .string(id), "action": "close", "version": 3, "outcome": "upheld"], key: key)
            #expect(noAnswer["error"]?["data"]?["field"] == "fields.answer")
            _ = try await server.result("example.note.add", ["complaintId": .string(id), "text": "Spoke to the driver"], key: key)
            let journey = try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []
            #expect(journey.last?.string("type") == "example.note")
            #expect(
                try await server.call(
                    "example.note.add", ["complaintId": .string(id), "text": "x"], key: try await server.key("kobenhavn", .caseworker))["error"]?[
                        "code"] == -32601)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aPromiseBecomesAFollowUpThatIsListedShownWhenOverdueAndExported(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Timestamp.parse("2026-11-27T14:00:00Z")!)
        try await withTestServer(backend, clock: clock) { server throws in
            _ = try await server.result(
                "tenant.create", ["id": "odense", "name": "Odense Kommune", "plugins": ["example"]], key: server.operatorKey)
            let key = try await server.key("odense", .caseworker)
            let id = try await Self.complaint(on: server, key: key)
            _ = try await server.result(
                "contact.record",
                [
                    "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())), "summary": "Called",
                    "fields": ["promise": ["what": "Send the new timetable to Ole Olsen", "due": "2026-11-30T12:00:00Z"]],
                ], key: key)
            let listed = try await server.result("example.followUp.list", ["complaintId": .string(id)], key: key)["items"]?.arrayValue ?? []
            #expect(listed.map { $0.string("what") } == ["Send the new timetable to Ole Olsen"])
            #expect(listed.first?.string("state") == "open" && listed.first?.string("ref") == id)

            let leader = try await server.key("odense", .leader)
            #expect(try await server.result("attention.list", [:], key: leader)["items"] == [])
            clock.advance(by: 4 * 86_400)
            let overdue = try await server.result("attention.list", [:], key: leader)["items"]?.arrayValue ?? []
            #expect(overdue.filter { $0.string("kind") == "example.followUpOverdue" }.map { $0.string("complaintId") } == [id])

            let admin = try await server.key("odense", .admin)
            let exported = try await server.result("privacy.export", ["phone": "20304050"], key: admin)["complaints"]?.arrayValue ?? []
            #expect(exported.first?["pluginRecords"]?.arrayValue?.first?["body"]?["what"] == "Send the new timetable to Ole Olsen")

            let followUp = try #require(listed.first?.string("id"))
            let done = try await server.result("example.followUp.done", ["id": .string(followUp)], key: key)
            #expect(done.string("state") == "done")
            #expect(
                try await server.result("attention.list", [:], key: leader)["items"]?.arrayValue?.contains {
                    $0.string("kind") == "example.followUpOverdue"
                } == false)
        }
    }

    @Test func anAppealIsForwarded() async throws {
        try await withTestServer { server throws in
            _ = try await server.result(
                "tenant.create", ["id": "odense", "name": "Odense Kommune", "plugins": ["example"]], key: server.operatorKey)
            let key = try await server.key("odense", .caseworker)
            let id = try await Self.complaint(on: server, key: key, track: "appeal")
            _ = try await server.result(
                "contact.record",
                ["complaintId": .string(id), "kind": "letter", "occurredAt": .string(Timestamp.format(Date())), "summary": "Acknowledged"],
                key: key)
            var version = try await server.result("complaint.get", ["id": .string(id)], key: key)["version"]!
            version = try await server.result("complaint.act", ["id": .string(id), "action": "acknowledge", "version": version], key: key)["version"]!
            let kept = try await server.call(
                "complaint.act", ["id": .string(id), "action": "close", "version": version, "outcome": "rejected", "fields": ["answer": "Kept"]],
                key: key)
            #expect(kept["error"]?["data"]?["field"] == "outcome", "an appeal whose decision is kept must be forwarded")
            let forwarded = try await server.result(
                "complaint.act",
                [
                    "id": .string(id), "action": "close", "version": version, "outcome": "forwarded",
                    "fields": ["answer": "Kept; sent on", "forwardedTo": "Ankestyrelsen"],
                ], key: key)
            #expect(forwarded.string("state") == "closed" && forwarded.string("outcome") == "forwarded")
        }
    }

    /// A new complaint in the example's workflow; its id.
    static func complaint(on server: TestServer, key: String, track: String = "dissatisfaction") async throws -> String {
        let created = try await server.result(
            "complaint.create",
            [
                "workflow": "example.acknowledge", "track": .string(track), "channel": "web", "subject": "Bin not emptied",
                "description": "Three weeks running.", "citizen": ["name": "Ole Olsen", "phone": "20304050"],
            ], key: key)
        return try #require(created.string("id"))
    }
}
