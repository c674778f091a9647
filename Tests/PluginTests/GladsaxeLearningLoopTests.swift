import Foundation
import KlageKernel
import KlageTestSupport
import Testing

/// Gladsaxe's loop closes: learning names known departments or none (then the action group gets it),
/// closing a complaint records what was learned on its journey, and each department's training is counted.
@Suite struct GladsaxeLearningLoopTests {
    @Test(arguments: StorageBackend.available)
    func aLearningItemNamingAnUnknownDepartmentIsRefusedOnlyWhereGladsaxeIsEnabled(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let admin = try await server.key("gladsaxe", .admin)
            let caseworker = try await server.key("gladsaxe", .caseworker)
            let item: JSONValue = [
                "title": "Plans are handed over late", "insight": "Citizens wait between departments.", "department": "Træningscenter",
            ]

            let none = try await server.call("learning.create", item, key: caseworker)["error"]
            #expect(none?["code"] == -32022)
            #expect(none?["data"]?["field"] == "department")
            #expect(none?["data"]?.string("reason")?.contains("gladsaxe.department.create") == true)

            _ = try await server.result("gladsaxe.department.create", ["name": "Træningscenter", "champion": "LK"], key: admin)
            _ = try await server.result("gladsaxe.department.create", ["name": "Hjemmeplejen", "champion": "AB"], key: admin)
            var unknown = item.objectValue!
            unknown["department"] = "Rådhuset"
            let refused = try await server.call("learning.create", .object(unknown), key: caseworker)["error"]
            #expect(refused?["code"] == -32022)
            #expect(refused?["data"]?["field"] == "department")
            #expect(refused?["data"]?.string("reason") == "unknown department 'Rådhuset'; known departments: Hjemmeplejen, Træningscenter")
            #expect(try await server.result("learning.list", key: caseworker)["items"]?.arrayValue == [], "nothing stored")

            let routed = try await server.result("learning.create", item, key: caseworker)
            #expect(routed.string("department") == "Træningscenter")
            var withoutDepartment = item.objectValue!
            withoutDepartment["department"] = nil
            let loose = try await server.result("learning.create", .object(withoutDepartment), key: caseworker)
            #expect(loose.string("department") == nil)
            // Stored, and routed to the action group itself: no item goes unrouted.
            let toGroup = try await server.result("gladsaxe.route.list", ["department": .null], key: caseworker)["items"]?.arrayValue ?? []
            #expect(toGroup.map { $0.string("learningItemId") } == [loose.string("id")])
            #expect(toGroup.first?.string("routedTo") == "actionGroup")

            // Copenhagen does not enable Gladsaxe: any department goes.
            let copenhagen = try await server.key("kobenhavn", .caseworker)
            #expect(try await server.result("learning.create", .object(unknown), key: copenhagen).string("department") == "Rådhuset")
        }
    }

    @Test(arguments: StorageBackend.available)
    func closingAComplaintRecordsWhatWasLearnedOnItsJourneyAfterCheckingItFirst(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let admin = try await server.key("gladsaxe", .admin)
            let caseworker = try await server.key("gladsaxe", .caseworker)
            _ = try await server.result("gladsaxe.department.create", ["name": "Træningscenter", "champion": "LK"], key: admin)
            let id = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: caseworker).string("id"))
            clock.advance(by: 3600)
            _ = try await server.result(
                "contact.record",
                [
                    "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())), "summary": "Called back",
                ], key: caseworker)
            let version = try #require(try await server.result("complaint.get", ["id": .string(id)], key: caseworker).int("version"))
            let learning: JSONValue = [
                "title": "Delivery times are unclear", "insight": "Citizens are not told how long deliveries take.",
                "department": "Træningscenter", "tags": ["delivery"],
            ]
            func act(_ action: String, version: Int, learning: JSONValue) async throws -> JSONValue {
                var params: JSONValue = ["id": .string(id), "action": .string(action), "version": .number(Double(version)), "learning": learning]
                if action == "close" {
                    params = .object(params.objectValue!.merging(["outcome": "withdrawn", "fields": ["citizenConsent": true]]) { $1 })
                }
                return try await server.call("complaint.act", params, key: caseworker)
            }

            // Refused before the action is taken: an action that does not close, personal data, an unknown department.
            #expect(try await act("confirmContact", version: version, learning: learning)["error"]?["data"]?["field"] == "learning")
            let confirmed = try #require(
                try await server.result(
                    "complaint.act", ["id": .string(id), "action": "confirmContact", "version": .number(Double(version))],
                    key: caseworker
                ).int("version"))
            var personal = learning.objectValue!
            personal["insight"] = "The citizen on 12 34 56 78 was not told how long deliveries take."
            let refused = try await act("close", version: confirmed, learning: .object(personal))["error"]
            #expect(refused?["code"] == -32022)
            #expect(refused?["data"]?["field"] == "learning.insight")
            var unknown = learning.objectValue!
            unknown["department"] = "Rådhuset"
            #expect(try await act("close", version: confirmed, learning: .object(unknown))["error"]?["data"]?["field"] == "learning.department")
            let untouched = try await server.result("complaint.get", ["id": .string(id)], key: caseworker)
            #expect(untouched.string("state") == "contacted")
            #expect(untouched.int("version") == confirmed)

            let closed = try await act("close", version: confirmed, learning: learning)["result"]
            #expect(closed?.string("state") == "closed")
            let items = try await server.result("learning.list", key: caseworker)["items"]?.arrayValue ?? []
            #expect(items.map { $0.string("complaintId") } == [id])
            #expect(items.first?.string("department") == "Træningscenter")
            let journey = try await server.result("complaint.journey", ["id": .string(id)], key: caseworker)["events"]?.arrayValue ?? []
            #expect(journey.contains { $0.string("summary") == "What we learned: Delivery times are unclear" })
            #expect(journey.last?.string("type") == "learning.created", "learned after the complaint was closed")
            // The loop goes on: the item reached its department's champion.
            let routes = try await server.result("gladsaxe.route.list", ["state": "routed"], key: caseworker)["items"]?.arrayValue ?? []
            #expect(routes.map { $0.string("learningItemId") } == [items.first?.string("id")])

            // learning.create from a complaint tells its journey too.
            var second = Fixtures.copenhagenComplaint.objectValue!
            second["externalRef"] = "ESDH-2026-0002"
            let other = try #require(try await server.result("complaint.create", .object(second), key: caseworker).string("id"))
            _ = try await server.result(
                "learning.create",
                [
                    "title": "Letters use legal jargon", "insight": "Plain language would help.", "complaintId": .string(other),
                ], key: caseworker)
            let otherJourney = try await server.result("complaint.journey", ["id": .string(other)], key: caseworker)["events"]?.arrayValue ?? []
            #expect(otherJourney.contains { $0.string("summary") == "What we learned: Letters use legal jargon" })
        }
    }

    @Test(arguments: StorageBackend.available)
    func eachDepartmentShowsItsChampionTrainedStaffAndLeadersAndTheShareTrained(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let admin = try await server.key("gladsaxe", .admin)
            let leader = try await server.key("gladsaxe", .leader)
            let caseworker = try await server.key("gladsaxe", .caseworker)
            let created = try await server.result(
                "gladsaxe.department.create", ["name": "Træningscenter", "champion": "LK", "headcount": 4], key: admin)
            #expect(created.int("headcount") == 4)
            _ = try await server.result("gladsaxe.department.create", ["name": "Hjemmeplejen", "champion": "AB"], key: admin)
            #expect(
                try await server.call("gladsaxe.department.create", ["name": "Rådhuset", "champion": "X", "headcount": 0], key: admin)["error"]?[
                    "code"] == -32022)
            for (name, leads) in [("LK", false), ("Chef", true)] {
                _ = try await server.result(
                    "gladsaxe.staff.register",
                    [
                        "name": .string(name), "department": "Træningscenter", "leader": .bool(leads), "trainedAt": "2026-10-01T08:00:00Z",
                    ], key: admin)
            }
            _ = try await server.result(
                "gladsaxe.staff.register",
                [
                    "name": "AB", "department": "Hjemmeplejen", "leader": false, "trainedAt": "2026-10-01T08:00:00Z",
                ], key: admin)

            func departments() async throws -> [String: JSONValue] {
                let items = try await server.result("gladsaxe.department.list", key: caseworker)["items"]?.arrayValue ?? []
                return Dictionary(uniqueKeysWithValues: items.map { ($0.string("name") ?? "", $0) })
            }
            var listed = try await departments()
            #expect(listed["Træningscenter"]?.string("champion") == "LK")
            #expect(listed["Træningscenter"]?.int("trained") == 2)
            #expect(listed["Træningscenter"]?.int("trainedLeaders") == 1)
            #expect(listed["Træningscenter"]?.int("headcount") == 4)
            #expect(listed["Træningscenter"]?["shareTrained"] == 0.5)
            #expect(listed["Hjemmeplejen"]?.int("trained") == 1)
            #expect(listed["Hjemmeplejen"]?.int("trainedLeaders") == 0)
            #expect(listed["Hjemmeplejen"]?["headcount"] == .null)
            #expect(listed["Hjemmeplejen"]?["shareTrained"] == .null)

            #expect(
                try await server.call("gladsaxe.department.update", ["name": "Hjemmeplejen", "headcount": 10], key: caseworker)["error"]?["code"]
                    == -32003)
            #expect(
                try await server.call("gladsaxe.department.update", ["name": "Rådhuset", "headcount": 10], key: leader)["error"]?["code"] == -32004)
            _ = try await server.result("gladsaxe.department.update", ["name": "Hjemmeplejen", "champion": "CD", "headcount": 10], key: leader)
            _ = try await server.result("gladsaxe.department.update", ["name": "Træningscenter", "headcount": .null], key: leader)
            listed = try await departments()
            #expect(listed["Hjemmeplejen"]?.string("champion") == "CD")
            #expect(listed["Hjemmeplejen"]?["shareTrained"] == 0.1)
            #expect(listed["Træningscenter"]?["shareTrained"] == .null)
            #expect(listed["Træningscenter"]?.string("champion") == "LK")
        }
    }

    @Test(arguments: StorageBackend.available)
    func aLearningItemHoldingAPhoneNumberIsRefusedOverHTTPWithoutEchoingIt(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let caseworker = try await server.key("kobenhavn", .caseworker)
            let error = try await server.call(
                "learning.create",
                [
                    "title": "Call-backs are slow", "insight": "The citizen had to call +45 12 34 56 78 twice.",
                ], key: caseworker)["error"]
            #expect(error?["code"] == -32022)
            #expect(error?["data"]?["field"] == "insight")
            let reason = try #require(error?["data"]?.string("reason"))
            #expect(reason.contains("a phone number"))
            #expect(!reason.contains("56 78"))
            #expect(
                try await server.call("learning.create", ["title": "Mail from jens@example.dk", "insight": "x"], key: caseworker)["error"]?["data"]?[
                    "field"] == "title")
        }
    }
}
