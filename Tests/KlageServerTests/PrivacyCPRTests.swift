import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// CPR numbers: validated on input (format and birth date, no modulus 11), and masked in every answer
/// unless the caller is an admin or the caseworker assigned to the complaint.
@Suite struct PrivacyCPRTests {
    @Test(arguments: StorageBackend.available)
    func cprNumbersAreValidatedOnInput(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            for (index, bad) in ["310290-1234", "011390-1234", "12345", "0101901234x", "01019-01234"].enumerated() {
                var params = Fixtures.copenhagenComplaint.objectValue!
                params["externalRef"] = .string("cpr-bad-\(index)")
                params["citizen"] = ["name": "Karen Jensen", "cpr": .string(bad)]
                let answer = try await server.call("complaint.create", .object(params), key: key)
                #expect(answer["error"]?["code"] == -32022, "\(bad) is refused")
                #expect(answer["error"]?["data"]?["field"] == "citizen.cpr")
                #expect(answer["error"]?["message"]?.stringValue?.contains(bad) == false, "the refused number is not echoed")
            }
            // 1 January 1990 with a serial failing modulus 11 (allowed since 2007), and 29 February 2000.
            for (index, good) in ["010190-1235", "2902004000"].enumerated() {
                let id = try await PrivacyFixtures.create(
                    server, key: key, ref: "cpr-good-\(index)", citizen: ["name": "Karen Jensen", "cpr": .string(good)])
                #expect(!id.isEmpty, "\(good) is accepted")
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func cprNumbersAreMaskedUnlessTheRoleNeedsThem(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let assigned = try await server.result(
                "apiKey.create", ["tenant": "kobenhavn", "role": "caseworker", "label": "assigned"], key: server.operatorKey)
            let assignedKey = assigned.string("key") ?? ""
            let admin = try await server.key("kobenhavn", .admin)
            let leader = try await server.key("kobenhavn", .leader)
            let integration = try await server.key("kobenhavn", .integration)
            var params = Fixtures.copenhagenComplaint.objectValue!
            params["citizen"] = PrivacyFixtures.citizen
            let created = try await server.result("complaint.create", .object(params), key: key)
            #expect(created["citizen"]?["cpr"] == "010190-****")
            let id = created["id"] ?? .null
            for (who, expected) in [(key, "010190-****"), (leader, "010190-****"), (integration, "010190-****"), (admin, "0101901234")] {
                #expect(try await server.result("complaint.get", ["id": id], key: who)["citizen"]?["cpr"] == .string(expected))
                let listed = try await server.result("complaint.list", [:], key: who)["items"]?.arrayValue?.first
                #expect(listed?["citizen"]?["cpr"] == .string(expected))
            }
            let handed = try await server.result("complaint.assign", ["id": id, "version": 1, "assignee": assigned["id"] ?? .null], key: key)
            #expect(handed["citizen"]?["cpr"] == "010190-****", "the caller is not the assignee")
            #expect(try await server.result("complaint.get", ["id": id], key: assignedKey)["citizen"]?["cpr"] == "0101901234")
            #expect(try await server.result("complaint.get", ["id": id], key: key)["citizen"]?["cpr"] == "010190-****")
        }
    }
}
