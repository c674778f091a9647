import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// Hand-offs as the kernel counts them, over HTTP on every engine: `complaint.assign` and what it counts.
@Suite struct HandoffTests {
    static func assign(_ id: String, version: Int, department: String? = nil, assignee: String? = nil) -> JSONValue {
        var params: [String: JSONValue] = ["id": .string(id), "version": .number(Double(version))]
        if let department { params["department"] = .string(department) }
        if let assignee { params["assignee"] = .string(assignee) }
        return .object(params)
    }

    static func journey(_ server: TestServer, _ id: String, key: String) async throws -> [JSONValue] {
        try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []
    }

    @Test(arguments: StorageBackend.available)
    func theFirstAssignmentIsNoHandoffAChangeIsOneAndTheSameValuesChangeNothing(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let (key, id) = try await ContactTimingTests.copenhagenComplaint(server)
            var complaint = try await server.result(
                "complaint.assign", Self.assign(id, version: 1, department: "Borgerservice", assignee: "kw-17"), key: key)
            #expect(complaint.int("handoffs") == 0)
            #expect(complaint.string("assignee") == "kw-17")
            #expect(complaint.string("department") == "Borgerservice")
            #expect(complaint.int("version") == 2)
            #expect(try await Self.journey(server, id, key: key).last?.string("type") == "complaint.assigned")

            // The values it has already: nothing changes, no version, no event.
            let events = try await Self.journey(server, id, key: key).count
            complaint = try await server.result("complaint.assign", Self.assign(id, version: 2, assignee: "kw-17"), key: key)
            #expect(complaint.int("version") == 2)
            #expect(try await Self.journey(server, id, key: key).count == events)

            complaint = try await server.result("complaint.assign", Self.assign(id, version: 2, assignee: "kw-42"), key: key)
            #expect(complaint.int("handoffs") == 1)
            let handedOff = try #require(try await Self.journey(server, id, key: key).last)
            #expect(handedOff.string("type") == "complaint.handedOff")
            #expect(
                handedOff["data"]
                    == [
                        "fromDepartment": "Borgerservice", "toDepartment": "Borgerservice", "fromAssignee": "kw-17", "toAssignee": "kw-42",
                    ])
            #expect(!String(decoding: try JSONEncoder().encode(handedOff), as: UTF8.self).contains("Jens"))

            // Department and assignee changed at once: one hand-off.
            complaint = try await server.result(
                "complaint.assign", Self.assign(id, version: 3, department: "Jobcenter", assignee: "kw-7"), key: key)
            #expect(complaint.int("handoffs") == 2)
            let read = try await server.result("complaint.get", ["id": .string(id)], key: key)
            #expect(read.int("handoffs") == 2)
            #expect(read.string("assignee") == "kw-7")
        }
    }

    @Test(arguments: StorageBackend.available)
    func changingADepartmentSetAtIntakeIsAHandoff(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            var params = Fixtures.copenhagenComplaint.objectValue!
            params["department"] = "Borgerservice"
            let id = try #require(try await server.result("complaint.create", .object(params), key: key).string("id"))
            let first = try await server.result("complaint.assign", Self.assign(id, version: 1, assignee: "kw-1"), key: key)
            #expect(first.int("handoffs") == 0, "assigning a caseworker inside the same department is no hand-off")
            let moved = try await server.result("complaint.assign", Self.assign(id, version: 2, department: "Jobcenter"), key: key)
            #expect(moved.int("handoffs") == 1)
        }
    }

    @Test(arguments: StorageBackend.available)
    func assignRefusesBadInputNamingTheFieldAStaleVersionAndTheWrongRole(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let (key, id) = try await ContactTimingTests.copenhagenComplaint(server)
            let cases: [(JSONValue, String)] = [
                (Self.assign(id, version: 1), "assignee"),
                (Self.assign(id, version: 1, department: String(repeating: "d", count: 101)), "department"),
                (Self.assign(id, version: 1, department: "  "), "department"),
                (Self.assign(id, version: 1, assignee: "anna@example.dk"), "assignee"),
            ]
            for (params, field) in cases {
                let answer = try await server.call("complaint.assign", params, key: key)
                #expect(answer["error"]?["code"] == -32022)
                #expect(answer["error"]?["data"]?["field"] == .string(field))
            }
            let stale = try await server.call("complaint.assign", Self.assign(id, version: 7, assignee: "kw-1"), key: key)
            #expect(stale["error"]?["code"] == -32009)
            let integration = try await server.key("kobenhavn", .integration)
            #expect(
                try await server.call("complaint.assign", Self.assign(id, version: 1, assignee: "kw-1"), key: integration)["error"]?["code"] == -32003
            )
            let leader = try await server.key("kobenhavn", .leader)
            #expect(try await server.result("complaint.assign", Self.assign(id, version: 1, assignee: "kw-1"), key: leader).int("version") == 2)
            // A key id is a UUIDv7, whose first group is eight digits for minutes at a time: an id, not a phone number.
            let keyID = "01930012-3456-7abc-8def-0123456789ab"
            #expect(try await server.result("complaint.assign", Self.assign(id, version: 2, assignee: keyID), key: key).string("assignee") == keyID)
        }
    }

    @Test(arguments: StorageBackend.available)
    func anotherTenantsKeyFindsNoComplaintToAssign(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let (_, id) = try await ContactTimingTests.copenhagenComplaint(server)
            let roskilde = try await server.key("roskilde", .caseworker)
            let answer = try await server.call("complaint.assign", Self.assign(id, version: 1, assignee: "kw-1"), key: roskilde)
            #expect(answer["error"]?["code"] == -32004)
        }
    }
}
