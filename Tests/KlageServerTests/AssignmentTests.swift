import Foundation
import KlageKernel
import KlageTestSupport
import Testing

@testable import KlageServer

/// Assignment among people, over the console's `/rpc` on both engines: `staff.list` offers a person the
/// colleagues of their departments, a complaint goes to me or to one of them, an unknown person is
/// refused, and `complaint.list` with `assignee: "me"` is each person's own queue.
@Suite struct AssignmentTests {
    @Test(arguments: StorageBackend.available)
    func aComplaintGoesToMeOrAColleagueOfMyDepartment(_ backend: StorageBackend) async throws {
        try await withTestIdentityProvider { provider in
            try await withTestServer(backend, tenants: try OIDCSignInTests.tenants(provider)) { server in
                let anna = try await OIDCSignInTests.person("sub-anna", "Anna Jensen", groups: ["klage-sagsbehandlere"], provider, server)
                let bo = try await OIDCSignInTests.person("sub-bo", "Bo Hansen", groups: ["klage-sagsbehandlere"], provider, server)
                _ = try await OIDCSignInTests.person("sub-lene", "Lene Leder", groups: ["klage-ledere"], provider, server)
                let integration = try await server.key("gladsaxe", .integration)
                let id = try await NeedToKnowTests.create(server, key: integration, ref: "ASSIGN-1", department: "Borgerservice")

                // Colleagues: those sharing one of my departments, me marked; the leader of Ledelse is not among them.
                let staff = try await anna.call("staff.list").json?["result"]?["items"]?.arrayValue ?? []
                #expect(staff.compactMap { $0.string("name") } == ["Anna Jensen", "Bo Hansen"])
                #expect(staff.first { $0.string("name") == "Anna Jensen" }?["you"] == true)
                #expect(staff.allSatisfy { $0["email"] == nil })
                let admin = try await server.key("gladsaxe", .admin)
                #expect(try await server.result("staff.list", key: admin)["items"]?.arrayValue?.count == 3)
                #expect(try await server.call("staff.list", key: integration)["error"]?["code"] == -32003)

                // To a colleague; an id that names no person here is refused before anything changes.
                let boID = try #require(staff.first { $0.string("name") == "Bo Hansen" }?.string("id"))
                let unknown = try await anna.call(
                    "complaint.assign", ["id": .string(id), "version": 1, "assignee": "person:0193a1b2-0000-7000-8000-000000000000"])
                #expect(unknown.json?["error"]?["code"] == -32022 && unknown.json?["error"]?["data"]?["field"] == "assignee")
                let toBo = try await anna.call("complaint.assign", ["id": .string(id), "version": 1, "assignee": .string(boID)])
                #expect(toBo.json?["result"]?["assignee"]?.stringValue == boID)

                // Each one's own queue.
                func mine(_ client: ConsoleClient) async throws -> [String] {
                    let page = try await client.call("complaint.list", ["assignee": "me"]).json?["result"]?["items"]?.arrayValue ?? []
                    return page.compactMap { $0.string("id") }
                }
                #expect(try await mine(bo) == [id])
                #expect(try await mine(anna) == [])

                // And back to me.
                let toMe = try await anna.call("complaint.assign", ["id": .string(id), "version": 2, "assignee": "me"])
                #expect(toMe.json?["result"]?["assignee"] == staff.first { $0["you"] == true }?["id"])
                #expect(try await mine(anna) == [id])
                #expect(try await mine(bo) == [])
            }
        }
    }
}
