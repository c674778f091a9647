import Foundation
import KlageKernel
import KlageTestSupport
import Testing

/// The example plug-in of `Plugins/README.md` works as the guide says: a tenant enables it, its
/// workflow runs, its working-day deadline is met by a letter, and its operation writes the journey.
@Suite struct ExamplePluginTests {
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
            let created = try await server.result(
                "complaint.create",
                [
                    "workflow": "example.acknowledge", "channel": "web", "subject": "Bin not emptied", "description": "Three weeks running.",
                    "citizen": ["name": "Ole Olsen"],
                ], key: key)
            let id = try #require(created.string("id"))
            // One working day from Friday 15:00 CET is Monday 15:00 CET.
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
}
