import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// Leaders hear about trouble: `attention.list` over HTTP, with Copenhagen's agreed tasks and Gladsaxe's actions.
@Suite struct AttentionWalkTests {
    static func complaint(_ ref: String, department: String) -> JSONValue {
        var params = Fixtures.copenhagenComplaint.objectValue!
        params["externalRef"] = .string(ref)
        params["department"] = .string(department)
        return .object(params)
    }

    @Test(arguments: StorageBackend.available)
    func clocksAtRiskMissedClocksAndOverdueTasksAreListedByDueTimeWithoutPersonalData(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)  // 2026-11-25T09:30Z; the call-back is due in one working day, at risk after 6 working hours
        try await withTestServer(backend, clock: clock) { server throws in
            let caseworker = try await server.key("kobenhavn", .caseworker)
            let leader = try await server.key("kobenhavn", .leader)
            let integration = try await server.key("kobenhavn", .integration)
            let first = try #require(
                try await server.result("complaint.create", Self.complaint("A-1", department: "Hjælpemidler"), key: caseworker).string("id"))
            clock.advance(by: 2 * 3600)
            let second = try #require(
                try await server.result("complaint.create", Self.complaint("A-2", department: "Hjemmeplejen"), key: caseworker).string("id"))
            #expect(try await server.result("attention.list", key: leader)["items"]?.arrayValue == [])

            clock.set(Timestamp.parse("2026-11-26T08:00:00Z")!)  // Thursday 09:00 CET: past the first's warn point (08:30), not the second's
            let atRisk = try await server.result("attention.list", key: leader)["items"]?.arrayValue ?? []
            #expect(
                atRisk == [
                    [
                        "kind": "deadline.dueSoon", "dueAt": "2026-11-26T09:30:00Z", "title": "Call the citizen back",
                        "titles": ["da": "Ring borgeren op", "en": "Call the citizen back"],
                        "complaintId": .string(first), "deadline": "firstContact", "department": "Hjælpemidler",
                    ]
                ])

            // The second complaint's call-back meets its clock, and its agreement becomes two dated tasks.
            _ = try await server.result(
                "contact.record",
                [
                    "complaintId": .string(second), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())),
                    "summary": "Called back and listened", "fields": CopenhagenWalkTests.triangle,
                ], key: caseworker)

            clock.set(Timestamp.parse("2026-11-28T13:00:00Z")!)
            let response = try await server.call("attention.list", [:], key: caseworker)
            let items = response["result"]?["items"]?.arrayValue ?? []
            // The citizen's own task ("calls if it has not arrived", byCitizen) is theirs, never staff overdue.
            #expect(items.map { $0.string("kind") } == ["deadline.missed", "borgerkontakt.taskOverdue"])
            #expect(items.map { $0.string("dueAt") } == ["2026-11-26T09:30:00Z", "2026-11-27T12:00:00Z"])
            #expect(items.map { $0.string("complaintId") } == [first, second])
            #expect(items.map { $0.string("department") } == ["Hjælpemidler", "Hjemmeplejen"])
            #expect(items[1]["record"]?.string("plugin") == "borgerkontakt")
            #expect(items[1]["record"]?.string("kind") == "task")
            #expect(items[1].string("title") == "Agreed task with the citizen (point 1 of the agreement)")
            // No citizen data: not the name or phone, not the subject, not what was agreed in the conversation.
            let text = String(decoding: try JSONEncoder().encode(response), as: UTF8.self)
            for personal in ["Jens", "12345678", "walker", "express delivery", "Citizen"] {
                #expect(!text.contains(personal), "attention items must not show \(personal)")
            }
            #expect(
                try await server.result("complaint.accessLog", ["id": .string(first)], key: leader)["reads"]?.arrayValue == [],
                "listing attention items is not a read of personal data")

            #expect(try await server.result("attention.list", ["limit": 2], key: integration)["items"]?.arrayValue?.count == 2)
            let department = try await server.result("attention.list", ["department": "Hjælpemidler"], key: leader)["items"]?.arrayValue ?? []
            #expect(department.map { $0.string("complaintId") } == [first])
            #expect(try await server.call("attention.list", ["limit": 0], key: leader)["error"]?["code"] == -32022)

            // Need to know: a person of Hjælpemidler sees its missed clock, not the agreed task on Hjemmeplejen's
            // complaint, which the plug-in, unable to read that complaint for them, lists with no department.
            let kobenhavn = try await server.host.services.tenants.get("kobenhavn")
            let person = Principal(id: "person:p", tenant: "kobenhavn", role: .caseworker, label: "Anna", departments: ["Hjælpemidler"])
            let seen = try await AttentionService(server.host.services.env).list(AttentionQuery(limit: 50), in: kobenhavn, by: person)
            #expect(seen.map(\.complaintId) == [ComplaintID(first)])
            // Nor the task itself, listed tenant-wide or asked for by its complaint's id.
            let env = server.host.services.env
            let list = try #require(env.registry.operations.first { $0.operation.name == "borgerkontakt.task.list" }?.operation)
            let context = env.pluginContext("borgerkontakt", tenant: kobenhavn, actor: person)
            #expect(try await list.handler(OperationInput(params: [:]), context)["items"] == [])
            #expect(try await list.handler(OperationInput(params: ["complaintId": .string(second)]), context)["items"] == [])
            let asKey = env.pluginContext("borgerkontakt", tenant: kobenhavn, actor: .system(tenant: "kobenhavn"))
            #expect(try await list.handler(OperationInput(params: [:]), asKey)["items"]?.arrayValue?.count == 2)

            // A done task leaves the list; another tenant sees none of this.
            _ = try await server.result("borgerkontakt.task.complete", ["id": items[1]["record"]!["id"]!], key: caseworker)
            #expect(try await server.result("attention.list", key: leader)["items"]?.arrayValue?.count == 1)
            let roskilde = try await server.key("roskilde", .leader)
            #expect(try await server.result("attention.list", key: roskilde)["items"]?.arrayValue == [])
        }
    }

    @Test(arguments: StorageBackend.available)
    func gladsaxesOverdueActionsAreListedWithTheirDepartmentUntilDone(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let admin = try await server.key("gladsaxe", .admin)
            let leader = try await server.key("gladsaxe", .leader)
            let caseworker = try await server.key("gladsaxe", .caseworker)
            _ = try await server.result("gladsaxe.department.create", ["name": "Træningscenter", "champion": "LK"], key: admin)
            let item = try await server.result(
                "learning.create",
                [
                    "title": "Exercise plans are handed over late", "insight": "Citizens wait for plans between departments.",
                    "department": "Træningscenter",
                ], key: caseworker)
            let meeting = try await server.result(
                "gladsaxe.meeting.create", ["heldAt": "2026-11-30T13:00:00Z", "attendees": ["Chef", "LK"]], key: leader)
            _ = try await server.result(
                "gladsaxe.meeting.review",
                [
                    "meetingId": meeting["id"]!, "learningItemId": item["id"]!, "decision": "act",
                ], key: leader)
            #expect(
                try await server.call(
                    "gladsaxe.action.create",
                    [
                        "learningItemId": item["id"]!, "title": "Call 12 34 56 78 about plans", "owner": "LK", "dueAt": "2026-12-15T12:00:00Z",
                    ], key: leader)["error"]?["data"]?["field"] == "title", "action titles are listed to leaders, so they carry no personal data")
            let action = try await server.result(
                "gladsaxe.action.create",
                [
                    "learningItemId": item["id"]!, "title": "Hand over plans the same day", "owner": "LK", "dueAt": "2026-12-15T12:00:00Z",
                ], key: leader)
            #expect(try await server.result("attention.list", key: leader)["items"]?.arrayValue == [])

            clock.set(Timestamp.parse("2026-12-16T12:00:00Z")!)
            let items = try await server.result("attention.list", ["department": "Træningscenter"], key: leader)["items"]?.arrayValue ?? []
            #expect(
                items == [
                    [
                        "kind": "gladsaxe.actionOverdue", "dueAt": "2026-12-15T12:00:00Z", "title": "Hand over plans the same day",
                        "titles": ["da": "Hand over plans the same day", "en": "Hand over plans the same day"],
                        "record": ["plugin": "gladsaxe", "kind": "action", "id": action["id"]!], "department": "Træningscenter",
                    ]
                ])
            _ = try await server.result("gladsaxe.action.complete", ["id": action["id"]!], key: caseworker)
            #expect(try await server.result("attention.list", key: leader)["items"]?.arrayValue == [])
        }
    }
}
