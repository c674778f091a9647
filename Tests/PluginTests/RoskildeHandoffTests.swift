import Foundation
import KlageKernel
import KlageTestSupport
import Testing

/// Roskilde's hand-off is the kernel's: `roskilde.handoff.record` and `complaint.assign` count one
/// hand-off once, whichever comes first, over HTTP on every engine.
@Suite struct RoskildeHandoffTests {
    static func create(_ server: TestServer, key: String) async throws -> String {
        try #require(
            try await server.result(
                "complaint.create",
                [
                    "workflow": "roskilde.abc", "channel": "phone", "subject": "Sagsbehandlingen", "department": "Borgerservice",
                    "description": "Sendt rundt mellem afdelinger.", "citizen": ["name": "Mette Madsen"],
                ], key: key
            ).string("id"))
    }

    static func handoffs(_ server: TestServer, _ id: String, key: String) async throws -> Int? {
        try await server.result("complaint.get", ["id": .string(id)], key: key).int("handoffs")
    }

    @Test(arguments: StorageBackend.available)
    func aHandoffAssignedAndThenRecordedByRoskildeCountsOnce(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let key = try await server.key("roskilde", .caseworker)
            let id = try await Self.create(server, key: key)
            _ = try await server.result("complaint.assign", ["id": .string(id), "version": 1, "department": "Jobcenter"], key: key)
            #expect(try await Self.handoffs(server, id, key: key) == 1)
            let recorded = try await server.result(
                "roskilde.handoff.record", ["complaintId": .string(id), "department": "Jobcenter", "withCitizen": true], key: key)
            #expect(recorded.int("handoffs") == 1, "the same hand-off, described: not counted again")
            #expect(try await Self.handoffs(server, id, key: key) == 1)
            let summary = try await server.result("roskilde.journey.summary", ["complaintId": .string(id)], key: key)
            #expect(summary.int("handoffs") == 1)

            let events = try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []
            #expect(events.filter { $0.string("type") == "complaint.handedOff" }.count == 1)
            let account = try #require(events.first { $0.string("type") == "roskilde.handoff" })
            #expect(account["data"]?["withCitizen"] == true)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aHandoffRecordedByRoskildeMovesTheComplaintAndAssigningItThereAfterwardsCountsNothing(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let key = try await server.key("roskilde", .caseworker)
            let id = try await Self.create(server, key: key)
            let recorded = try await server.result(
                "roskilde.handoff.record", ["complaintId": .string(id), "department": "Jobcenter", "assignee": "jobcenter-team-2"], key: key)
            #expect(recorded.int("handoffs") == 1)
            let moved = try await server.result("complaint.get", ["id": .string(id)], key: key)
            #expect(moved.string("department") == "Jobcenter")
            #expect(moved.string("assignee") == "jobcenter-team-2")
            _ = try await server.result(
                "complaint.assign", ["id": .string(id), "version": moved["version"]!, "department": "Jobcenter"], key: key)
            #expect(try await Self.handoffs(server, id, key: key) == 1)

            // Without a department or assignee there is nothing to hand off: refused, naming the fields.
            let nowhere = try await server.call("roskilde.handoff.record", ["complaintId": .string(id), "withCitizen": false], key: key)
            #expect(nowhere["error"]?["code"] == -32022)
            #expect(nowhere["error"]?["data"]?["field"] == "assignee")
            let personal = try await server.call(
                "roskilde.handoff.record", ["complaintId": .string(id), "assignee": "ring 12345678"], key: key)
            #expect(personal["error"]?["data"]?["field"] == "assignee")
            #expect(try await Self.handoffs(server, id, key: key) == 1, "a refused hand-off changes nothing")
        }
    }
}
