import Foundation
import KlageKernel
import KlageTestSupport
import Testing

/// Gladsaxe, action groups: learning item -> champion -> meeting -> action -> done, and the item implemented.
@Suite struct GladsaxeWalkTests {
    @Test(arguments: StorageBackend.available)
    func aLearningItemReachesItsChampionIsReviewedAndBecomesAnActionThatIsDone(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let admin = try await server.key("gladsaxe", .admin)
            let leader = try await server.key("gladsaxe", .leader)
            let caseworker = try await server.key("gladsaxe", .caseworker)

            _ = try await server.result("gladsaxe.department.create", ["name": "Træningscenter", "champion": "LK"], key: admin)
            #expect(
                try await server.call("gladsaxe.department.create", ["name": "Træningscenter", "champion": "XY"], key: admin)["error"]?["code"]
                    == -32009)
            #expect(
                try await server.call("gladsaxe.department.create", ["name": "Hjemmeplejen", "champion": "AB"], key: caseworker)["error"]?["code"]
                    == -32003)
            _ = try await server.result(
                "gladsaxe.staff.register", ["name": "LK", "department": "Træningscenter", "leader": false, "trainedAt": "2026-10-01T08:00:00Z"],
                key: admin)
            _ = try await server.result(
                "gladsaxe.staff.register", ["name": "Chef", "department": "Træningscenter", "leader": true, "trainedAt": "2026-10-01T08:00:00Z"],
                key: admin)
            let register = try await server.result("gladsaxe.staff.list", [:], key: leader)
            #expect(register.int("trained") == 2)
            #expect(register.int("leaders") == 1)

            let item = try await server.result(
                "learning.create",
                [
                    "title": "Exercise plans are handed over late", "insight": "Citizens wait for plans between departments.",
                    "department": "Træningscenter", "tags": ["handover"],
                ], key: caseworker)
            let itemID = try #require(item.string("id"))
            let routed = try await server.result("gladsaxe.route.list", ["state": "routed"], key: caseworker)["items"]?.arrayValue ?? []
            #expect(routed.map { $0.string("learningItemId") } == [itemID])
            #expect(routed.first?.string("champion") == "LK")

            #expect(
                try await server.call(
                    "gladsaxe.action.create",
                    [
                        "learningItemId": .string(itemID), "title": "Hand over plans the same day", "owner": "LK", "dueAt": "2026-12-15T12:00:00Z",
                    ], key: leader)["error"]?["code"] == -32009, "no action before the action group decided")

            let meeting = try await server.result(
                "gladsaxe.meeting.create", ["heldAt": "2026-11-30T13:00:00Z", "attendees": ["Chef", "LK"]], key: leader)
            _ = try await server.result(
                "gladsaxe.meeting.review",
                [
                    "meetingId": meeting["id"]!, "learningItemId": .string(itemID), "decision": "act", "note": "Worth fixing",
                ], key: leader)
            let meetings = try await server.result("gladsaxe.meeting.list", [:], key: caseworker)["items"]?.arrayValue ?? []
            #expect(meetings.map { $0.string("id") } == [meeting.string("id")])
            #expect(meetings.first?["reviewed"]?.arrayValue?.map { $0.stringValue } == [itemID])
            let action = try await server.result(
                "gladsaxe.action.create",
                [
                    "learningItemId": .string(itemID), "title": "Hand over plans the same day", "owner": "LK", "dueAt": "2026-12-15T12:00:00Z",
                ], key: leader)
            #expect(action.string("state") == "open")
            #expect(try await server.result("learning.get", ["id": .string(itemID)], key: caseworker).string("state") == "accepted")

            clock.set(Timestamp.parse("2026-12-16T12:00:00Z")!)
            let overdue = try await server.result("gladsaxe.action.list", ["overdue": true], key: caseworker)["items"]?.arrayValue ?? []
            #expect(overdue.map { $0.string("id") } == [action.string("id")])
            let done = try await server.result("gladsaxe.action.complete", ["id": action["id"]!], key: caseworker)
            #expect(done.string("state") == "done")
            #expect(try await server.result("learning.get", ["id": .string(itemID)], key: caseworker).string("state") == "implemented")
            #expect(try await server.result("gladsaxe.action.list", ["overdue": true], key: caseworker)["items"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func aTenantWithoutThePluginCannotCallOrSeeItsMethods() async throws {
        try await withTestServer { server throws in
            let roskilde = try await server.key("roskilde", .admin)
            let gladsaxe = try await server.key("gladsaxe", .admin)
            #expect(try await server.call("gladsaxe.action.list", [:], key: roskilde)["error"]?["code"] == -32601)
            #expect(try await server.call("borgerkontakt.task.list", [:], key: roskilde)["error"]?["code"] == -32601)
            #expect(try await server.call("roskilde.journey.summary", ["complaintId": "x"], key: gladsaxe)["error"]?["code"] == -32601)
            let seen = Set((try await server.result("rpc.discover", key: roskilde)["methods"]?.arrayValue ?? []).compactMap { $0.string("name") })
            #expect(seen.contains("roskilde.touchpoint.add"))
            #expect(!seen.contains { $0.hasPrefix("gladsaxe.") || $0.hasPrefix("borgerkontakt.") || $0.hasPrefix("example.") })
            let gladsaxeSees = Set(
                (try await server.result("rpc.discover", key: gladsaxe)["methods"]?.arrayValue ?? []).compactMap { $0.string("name") })
            #expect(gladsaxeSees.isSuperset(of: ["gladsaxe.action.create", "gladsaxe.meeting.review", "borgerkontakt.task.list"]))
            #expect(!gladsaxeSees.contains { $0.hasPrefix("roskilde.") })
            // A workflow of a plug-in the tenant lacks is refused too.
            var params = Fixtures.copenhagenComplaint.objectValue!
            params["workflow"] = "roskilde.abc"
            #expect(try await server.call("complaint.create", .object(params), key: gladsaxe)["error"]?["data"]?["field"] == "workflow")
        }
    }
}
