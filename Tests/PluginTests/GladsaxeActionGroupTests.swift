import Foundation
import KlageKernel
import KlageServer
import KlageTestSupport
import Testing

/// Gladsaxe's action group sees every learning item, also one without a department, and its actions
/// move the kernel's learning item: the first accepts it, the last one done implements it, so the
/// kernel's figures count what the action group turned into change.
@Suite struct GladsaxeActionGroupTests {
    /// The tenant's keys, with the department Træningscenter (champion LK) added.
    struct Keys {
        let admin: String
        let leader: String
        let caseworker: String
    }

    static func keys(_ server: TestServer) async throws -> Keys {
        let keys = Keys(
            admin: try await server.key("gladsaxe", .admin), leader: try await server.key("gladsaxe", .leader),
            caseworker: try await server.key("gladsaxe", .caseworker))
        _ = try await server.result("gladsaxe.department.create", ["name": "Træningscenter", "champion": "LK"], key: keys.admin)
        return keys
    }

    /// A learning item, in `department` or none, reviewed at a new meeting with the decision to act.
    static func reviewedItem(_ server: TestServer, _ keys: Keys, department: String?, title: String) async throws -> String {
        var params: [String: JSONValue] = ["title": .string(title), "insight": "Citizens wait for plans between departments."]
        if let department { params["department"] = .string(department) }
        let item = try #require(try await server.result("learning.create", .object(params), key: keys.caseworker).string("id"))
        let meeting = try await server.result(
            "gladsaxe.meeting.create", ["heldAt": "2026-11-30T13:00:00Z", "attendees": ["Chef", "LK"]], key: keys.leader)
        _ = try await server.result(
            "gladsaxe.meeting.review", ["meetingId": meeting["id"]!, "learningItemId": .string(item), "decision": "act"], key: keys.leader)
        return item
    }

    static func createAction(_ server: TestServer, _ keys: Keys, item: String, title: String) async throws -> JSONValue {
        try await server.result(
            "gladsaxe.action.create",
            ["learningItemId": .string(item), "title": .string(title), "owner": "LK", "dueAt": "2026-12-15T12:00:00Z"], key: keys.leader)
    }

    static func state(_ server: TestServer, _ keys: Keys, item: String) async throws -> String? {
        try await server.result("learning.get", ["id": .string(item)], key: keys.caseworker).string("state")
    }

    static func learningActed(_ server: TestServer, _ keys: Keys) async throws -> [JSONValue] {
        try await server.result("event.list", ["types": ["learning.acted"]], key: keys.leader)["events"]?.arrayValue ?? []
    }

    @Test(arguments: StorageBackend.available)
    func aLearningItemWithoutADepartmentIsRoutedToTheActionGroupReviewedAndGetsAnAction(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let keys = try await Self.keys(server)
            let loose = try #require(
                try await server.result(
                    "learning.create", ["title": "Letters use legal jargon", "insight": "Plain language would help."], key: keys.caseworker
                ).string("id"))
            let placed = try #require(
                try await server.result(
                    "learning.create",
                    ["title": "Plans are handed over late", "insight": "Citizens wait.", "department": "Træningscenter"], key: keys.caseworker
                ).string("id"))

            let routed = try await server.result("gladsaxe.route.list", ["state": "routed"], key: keys.caseworker)["items"]?.arrayValue ?? []
            #expect(Set(routed.compactMap { $0.string("learningItemId") }) == [loose, placed])
            let toGroup = try #require(routed.first { $0.string("learningItemId") == loose })
            #expect(toGroup.string("routedTo") == "actionGroup")
            #expect(toGroup.string("department") == nil)
            #expect(toGroup.string("champion") == nil)
            #expect(routed.first { $0.string("learningItemId") == placed }?.string("routedTo") == "champion")
            let withoutDepartment = try await server.result("gladsaxe.route.list", ["department": .null], key: keys.caseworker)["items"]
            #expect(withoutDepartment?.arrayValue?.map { $0.string("learningItemId") } == [loose])
            let inDepartment = try await server.result("gladsaxe.route.list", ["department": "Træningscenter"], key: keys.caseworker)["items"]
            #expect(inDepartment?.arrayValue?.map { $0.string("learningItemId") } == [placed])

            let meeting = try await server.result(
                "gladsaxe.meeting.create", ["heldAt": "2026-11-30T13:00:00Z", "attendees": ["Chef", "LK"]], key: keys.leader)
            let reviewed = try await server.result(
                "gladsaxe.meeting.review", ["meetingId": meeting["id"]!, "learningItemId": .string(loose), "decision": "act"], key: keys.leader)
            #expect(reviewed.string("state") == "reviewed")
            #expect(reviewed.string("routedTo") == "actionGroup")
            let action = try await Self.createAction(server, keys, item: loose, title: "Rewrite the standard letters")
            #expect(action.string("state") == "open")
            #expect(action.string("department") == nil)
            #expect(
                try await server.result("gladsaxe.route.list", ["state": "reviewed", "department": .null], key: keys.caseworker)["items"]?
                    .arrayValue?.map { $0.string("learningItemId") } == [loose])

            // Overdue, it needs attention without a department: not one department's.
            clock.set(Timestamp.parse("2026-12-16T12:00:00Z")!)
            let attention = try await server.result("attention.list", key: keys.leader)["items"]?.arrayValue ?? []
            #expect(attention.map { $0["record"]?.string("id") } == [action.string("id")])
            #expect(attention.first?.string("department") == nil)
            #expect(try await server.result("attention.list", ["department": "Træningscenter"], key: keys.leader)["items"]?.arrayValue == [])
        }
    }

    @Test(arguments: StorageBackend.available)
    func theActionGroupsActionsAcceptThenImplementTheLearningItemAndTheFiguresCountIt(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let keys = try await Self.keys(server)
            let item = try await Self.reviewedItem(server, keys, department: "Træningscenter", title: "Plans are handed over late")
            #expect(try await Self.state(server, keys, item: item) == "proposed")

            let first = try await Self.createAction(server, keys, item: item, title: "Hand over plans the same day")
            #expect(try await Self.state(server, keys, item: item) == "accepted")
            let second = try await Self.createAction(server, keys, item: item, title: "Train the front desk")
            let accepted = try await server.result("learning.list", ["state": "accepted"], key: keys.caseworker)["items"]?.arrayValue ?? []
            #expect(accepted.map { $0.string("id") } == [item])
            #expect(accepted.first?.int("version") == 2, "accepted once, however many actions")

            clock.advance(by: 86_400)
            _ = try await server.result("gladsaxe.action.complete", ["id": first["id"]!], key: keys.caseworker)
            #expect(try await Self.state(server, keys, item: item) == "accepted", "one of two actions done")
            clock.advance(by: 86_400)
            _ = try await server.result("gladsaxe.action.complete", ["id": second["id"]!], key: keys.caseworker)
            #expect(try await Self.state(server, keys, item: item) == "implemented")

            // Journaled as the kernel's learning moves: the leader accepted; the caseworker's last step
            // implemented it with the kernel's authority on the action group's behalf.
            let created = try await server.result("event.list", ["types": ["learning.created"]], key: keys.leader)["events"]?.arrayValue
            let caseworkerID = try #require(created?.first?.string("actor"))
            let acted = try await Self.learningActed(server, keys)
            #expect(acted.map { $0["data"]?.string("action") } == ["accept", "implement"])
            #expect(acted.allSatisfy { $0.string("learningItemId") == item && $0["data"]?.string("plugin") == "gladsaxe" })
            #expect(acted.first?.string("actor") != "system")
            #expect(acted.first?.string("actor") != caseworkerID)
            #expect(acted.first?["data"]?["requestedBy"] == nil)
            #expect(acted.last?.string("actor") == "system")
            #expect(acted.last?["data"]?.string("requestedBy") == caseworkerID)

            let period: JSONValue = ["from": "2026-11-23T23:00:00Z", "to": "2026-12-31T23:00:00Z", "department": "Træningscenter"]
            let figures = try await server.result("report.figures", period, key: keys.leader)["groups"]?.arrayValue?.first
            #expect(figures?["learning"]?["raised"] == 1)
            #expect(figures?["learning"]?["turnedIntoActions"] == 1)
            #expect(figures?["learning"]?["actionsDone"] == 1)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aDismissedLearningItemIsNotMovedAndOneAcceptedByHandIsOnlyImplemented(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let keys = try await Self.keys(server)
            let item = try await Self.reviewedItem(server, keys, department: nil, title: "Letters use legal jargon")
            _ = try await server.result(
                "learning.act", ["id": .string(item), "action": "dismiss", "version": 1, "note": "Solved by the new letter system"],
                key: keys.leader)

            let action = try await Self.createAction(server, keys, item: item, title: "Rewrite the standard letters")
            #expect(try await Self.state(server, keys, item: item) == "dismissed")
            _ = try await server.result("gladsaxe.action.complete", ["id": action["id"]!], key: keys.caseworker)
            let dismissed = try await server.result("learning.get", ["id": .string(item)], key: keys.caseworker)
            #expect(dismissed.string("state") == "dismissed")
            #expect(dismissed.int("version") == 2)

            // One accepted by hand is not accepted again, and its last action done implements it.
            let byHand = try await Self.reviewedItem(server, keys, department: "Træningscenter", title: "Plans are handed over late")
            _ = try await server.result("learning.act", ["id": .string(byHand), "action": "accept", "version": 1], key: keys.leader)
            let other = try await Self.createAction(server, keys, item: byHand, title: "Hand over plans the same day")
            #expect(try await server.result("learning.get", ["id": .string(byHand)], key: keys.caseworker).int("version") == 2)
            _ = try await server.result("gladsaxe.action.complete", ["id": other["id"]!], key: keys.caseworker)
            #expect(try await Self.state(server, keys, item: byHand) == "implemented")
            #expect(try await Self.learningActed(server, keys).map { $0["data"]?.string("action") } == ["dismiss", "accept", "implement"])
        }
    }

    @Test(arguments: StorageBackend.available)
    func twoLastActionsCompletedAtOnceImplementTheItemOnce(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let keys = try await Self.keys(server)
            let item = try await Self.reviewedItem(server, keys, department: "Træningscenter", title: "Plans are handed over late")
            let first = try await Self.createAction(server, keys, item: item, title: "Hand over plans the same day")
            let second = try await Self.createAction(server, keys, item: item, title: "Train the front desk")

            async let one = server.call("gladsaxe.action.complete", ["id": first["id"]!], key: keys.caseworker)
            async let other = server.call("gladsaxe.action.complete", ["id": second["id"]!], key: keys.caseworker)
            let answers = try await [one, other]
            #expect(answers.map { $0["result"]?.string("state") } == ["done", "done"])

            let implemented = try await server.result("learning.get", ["id": .string(item)], key: keys.caseworker)
            #expect(implemented.string("state") == "implemented")
            #expect(implemented.int("version") == 3)
            #expect(try await Self.learningActed(server, keys).map { $0["data"]?.string("action") } == ["accept", "implement"])
        }
    }

    @Test(arguments: StorageBackend.available)
    func aRouteAndAnActionStoredBeforeTheLoopMovedLearningItemsStillWork(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let keys = try await Self.keys(server)
            let store: any PluginRecordStore = server.host.store
            let item = try #require(
                try await server.result(
                    "learning.create",
                    ["title": "Plans are handed over late", "insight": "Citizens wait.", "department": "Træningscenter"], key: keys.caseworker
                ).string("id"))
            // The route as it was stored before routes could go to the action group: no routedTo.
            var route = try #require(
                try await store.records(kind: "route", matching: PluginRecordQuery(ref: item), plugin: "gladsaxe", tenant: "gladsaxe").first)
            route.body["routedTo"] = nil
            try await store.updateRecord(route, expectedVersion: route.version, plugin: "gladsaxe", tenant: "gladsaxe")
            let listed = try await server.result("gladsaxe.route.list", ["department": "Træningscenter"], key: keys.caseworker)["items"]
            #expect(listed?.arrayValue?.map { $0.string("routedTo") } == ["champion"])
            #expect(listed?.arrayValue?.first?.string("department") == "Træningscenter")
            let meeting = try await server.result(
                "gladsaxe.meeting.create", ["heldAt": "2026-11-30T13:00:00Z", "attendees": ["Chef", "LK"]], key: keys.leader)
            _ = try await server.result(
                "gladsaxe.meeting.review", ["meetingId": meeting["id"]!, "learningItemId": .string(item), "decision": "act"], key: keys.leader)

            // An action created before actions moved learning items: the item is still proposed.
            let now = Fixtures.monday
            let old = PluginRecord(
                kind: "action", id: "01a00000-0000-7000-8000-0000000000a1",
                body: [
                    "learningItemId": .string(item), "title": "Hand over plans the same day", "owner": "LK", "meetingId": meeting["id"]!,
                    "department": "Træningscenter",
                ], ref: item, state: "open", dueAt: Timestamp.parse("2026-12-15T12:00:00Z"), createdAt: now, updatedAt: now)
            try await store.insertRecord(old, plugin: "gladsaxe", tenant: "gladsaxe")
            #expect(try await Self.state(server, keys, item: item) == "proposed")
            _ = try await server.result("gladsaxe.action.complete", ["id": .string(old.id)], key: keys.caseworker)
            #expect(try await Self.state(server, keys, item: item) == "implemented", "accepted and implemented when its last action is done")
            #expect(try await Self.learningActed(server, keys).map { $0.string("actor") } == ["system", "system"])
        }
    }
}
