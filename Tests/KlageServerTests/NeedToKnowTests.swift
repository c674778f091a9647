import Foundation
import KlageKernel
import KlageStorage
import KlageTestSupport
import Testing

@testable import KlageServer

/// Need to know, over the console's `/rpc` as a person signed in through the provider, on both engines:
/// a caseworker of one department reads, lists and changes only their departments' complaints and the
/// intake with none; another's is not found, exactly as an id that does not exist, and its read is not
/// logged. Assigning oneself leaves the CPR number masked; a leader's assignment reveals it.
@Suite struct NeedToKnowTests {
    static let cpr = "010190-1234"

    /// A complaint registered by `key` in `department` (none when `nil`), with a CPR number; its id.
    static func create(_ server: TestServer, key: String, ref: String, department: String?, daysAgo: Double = 3) async throws -> String {
        guard case .object(var params) = Fixtures.copenhagenComplaint else { throw CancellationError() }
        params["externalRef"] = .string(ref)
        // Received three days ago, so its first deadlines are overdue and on the attention board.
        params["receivedAt"] = .string(Timestamp.format(Date().addingTimeInterval(-daysAgo * 86_400)))
        params["citizen"] = ["name": "Jens Hansen", "cpr": .string(cpr)]
        if let department { params["department"] = .string(department) }
        return try #require(try await server.result("complaint.create", .object(params), key: key)["id"]?.stringValue)
    }

    @Test(arguments: StorageBackend.available)
    func aCaseworkerSeesTheirDepartmentsAndTheIntakeAndNothingElse(_ backend: StorageBackend) async throws {
        try await withTestIdentityProvider { provider in
            try await withTestServer(backend, tenants: try OIDCSignInTests.tenants(provider)) { server in
                let integration = try await server.key("gladsaxe", .integration)
                let ours = try await Self.create(server, key: integration, ref: "NTK-1", department: "Borgerservice")
                let theirs = try await Self.create(server, key: integration, ref: "NTK-2", department: "Teknik og Miljø")
                let intake = try await Self.create(server, key: integration, ref: "NTK-3", department: nil)

                let anna = try await OIDCSignInTests.person("sub-anna", "Anna Jensen", groups: ["klage-sagsbehandlere"], provider, server)

                // Reads: their departments and the intake; another department's is not found, as a made-up id is.
                for id in [ours, intake] {
                    #expect(try await anna.call("complaint.get", ["id": .string(id)]).json?["result"]?["id"]?.stringValue == id)
                }
                let missing = try await anna.call("complaint.get", ["id": "0193a1b2-0000-7000-8000-000000000000"]).json?["error"]
                #expect(missing?["code"] == -32004)
                for (method, params) in [
                    ("complaint.get", ["id": JSONValue.string(theirs)]), ("complaint.journey", ["id": .string(theirs)]),
                    ("contact.list", ["complaintId": .string(theirs)]), ("effort.list", ["complaintId": .string(theirs)]),
                    ("complaint.assign", ["id": .string(theirs), "version": 1, "department": "Borgerservice"]),
                ] as [(String, JSONValue)] {
                    let error = try await anna.call(method, params).json?["error"]
                    #expect(error?["code"] == -32004, "\(method) of another department's complaint")
                    #expect(error?["message"] == missing?["message"], "\(method): the same answer as for no complaint at all")
                }
                let listed = try await anna.call("complaint.list").json?["result"]?["items"]?.arrayValue?.compactMap { $0.string("id") } ?? []
                #expect(Set(listed) == [ours, intake])
                let filtered = try await anna.call("complaint.list", ["department": "Teknik og Miljø"]).json?["result"]?["items"]?.arrayValue
                #expect(filtered == [])

                // The attention board keeps to her departments; the tenant-wide event feed is not for her.
                let attention = try await anna.call("attention.list").json?["result"]?["items"]?.arrayValue ?? []
                #expect(attention.contains { $0.string("complaintId") == ours } && !attention.contains { $0.string("complaintId") == theirs })

                let lene = try await OIDCSignInTests.person("sub-lene", "Lene Leder", groups: ["klage-ledere"], provider, server)
                let feed = try await lene.call("event.list").json?["error"]
                #expect(feed?["code"] == -32003 && feed?["message"]?.stringValue?.contains("every department") == true)

                // The access log has her reads of hers, none of theirs; the integration key still sees all three.
                let leader = try await server.key("gladsaxe", .leader)
                let reads = try await server.result("complaint.accessLog", ["id": .string(theirs)], key: leader)["reads"]?.arrayValue ?? []
                #expect(!reads.contains { $0.string("actorLabel") == "Anna Jensen" })
                let all = try await server.result("complaint.list", [:], key: integration)["items"]?.arrayValue?.compactMap { $0.string("id") }
                #expect(Set(all ?? []) == [ours, theirs, intake])

                // Assigning herself reveals nothing that masking hides; her leader's assignment does.
                let person = try #require(try await server.host.store.people(of: "gladsaxe").first)
                let me = JSONValue.string("person:" + person.id.rawValue)
                let selfAssigned = try await anna.call("complaint.assign", ["id": .string(ours), "version": 1, "assignee": me]).json?["result"]
                #expect(selfAssigned?["assignee"] == me)
                #expect(selfAssigned?["citizen"]?["cpr"] == "010190-****")
                #expect(try await anna.call("complaint.get", ["id": .string(ours)]).json?["result"]?["citizen"]?["cpr"] == "010190-****")
                // The journey names who acted: the person by name, the key by its label; the events keep the ids.
                let journey = try await server.result("complaint.journey", ["id": .string(ours)], key: leader)
                let assigned = journey["events"]?.arrayValue?.first { $0.string("type") == "complaint.assigned" }
                #expect(assigned?.string("actor") == me.stringValue)
                #expect(journey["names"]?[me.stringValue ?? ""] == "Anna Jensen")
                #expect(journey["names"]?.objectValue?.values.contains("test") == true, "the integration key that registered it, by label")
                _ = try await server.result("complaint.assign", ["id": .string(ours), "version": 2, "department": "Borgerservice"], key: leader)
                let handedBack = try await server.result("complaint.get", ["id": .string(ours)], key: leader)
                #expect(handedBack["assignedBy"]?.stringValue == "person:" + person.id.rawValue, "a change of department alone keeps who assigned")
                _ = try await server.result("complaint.assign", ["id": .string(ours), "version": 2, "assignee": "someone-else"], key: leader)
                _ = try await server.result("complaint.assign", ["id": .string(ours), "version": 3, "assignee": me], key: leader)
                #expect(try await anna.call("complaint.get", ["id": .string(ours)]).json?["result"]?["citizen"]?["cpr"] == "0101901234")
            }
        }
    }
}
