import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// The data subject's export (GDPR art. 15): everything about one citizen in one tenant, found by CPR
/// number, phone or e-mail, with who read it; for admins only, itself access-logged, never another tenant's data.
@Suite struct PrivacyExportTests {
    @Test(arguments: StorageBackend.available)
    func aCitizenIsFoundByCPRPhoneOrEmailWithWhoReadTheirData(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let admin = try await server.key("kobenhavn", .admin)
            let theirs = try await PrivacyFixtures.create(server, key: key, ref: "export-1")
            let someoneElse = try await PrivacyFixtures.create(
                server, key: key, ref: "export-2", citizen: ["name": "Ole Olsen", "phone": "+45 20 30 40 51", "cpr": "020290-1234"])
            let roskilde = try await PrivacyFixtures.create(
                server, key: try await server.key("roskilde", .caseworker), ref: "export-3", workflow: "roskilde.abc")
            clock.advance(by: 3600)
            try await PrivacyFixtures.call(server, theirs, key: key, at: clock)
            _ = try await server.result("complaint.get", ["id": .string(theirs)], key: key)

            for params: JSONValue in [["cpr": "0101901234"], ["cpr": "010190-1234"], ["phone": "20304050"], ["email": "karen.jensen@example.dk"]] {
                let export = try await server.result("privacy.export", params, key: admin)
                let complaints = export["complaints"]?.arrayValue ?? []
                #expect(complaints.map { $0["complaint"]?["id"] } == [.string(theirs)], "found by \(params)")
                let first = complaints.first
                #expect(first?["complaint"]?["citizen"]?["cpr"] == "0101901234", "admins see the CPR number")
                #expect(first?["contacts"]?.arrayValue?.first?["summary"] == "Talked with Karen Jensen")
                #expect(first?["events"]?.arrayValue?.first?["type"] == "complaint.received")
                let purposes = first?["reads"]?.arrayValue?.map { $0.string("purpose") } ?? []
                #expect(purposes.first == "complaint.get")
                #expect(purposes.last == "privacy.export", "the export is itself logged")
                let text = String(decoding: try JSONEncoder().encode(export), as: UTF8.self)
                #expect(!text.contains(roskilde) && !text.contains(someoneElse), "no other citizen's nor tenant's data")
            }
            let nobody = try await server.result("privacy.export", ["cpr": "311299-1234"], key: admin)
            #expect(nobody["complaints"] == [])
            let reads = try await server.result("complaint.accessLog", ["id": .string(theirs)], key: admin)["reads"]?.arrayValue ?? []
            #expect(reads.filter { $0.string("purpose") == "privacy.export" }.count == 4)

            for role in [Role.leader, .caseworker, .integration] {
                let answer = try await server.call("privacy.export", ["cpr": "0101901234"], key: try await server.key("kobenhavn", role))
                #expect(answer["error"]?["code"] == -32003, "\(role) may not export")
            }
            let two = try await server.call("privacy.export", ["cpr": "0101901234", "phone": "20304050"], key: admin)
            #expect(two["error"]?["code"] == -32022)
            let badDate = try await server.call("privacy.export", ["cpr": "320190-1234"], key: admin)
            #expect(badDate["error"]?["code"] == -32022)
            #expect(badDate["error"]?["data"]?["field"] == "cpr")
            let roskildeAdmin = try await server.key("roskilde", .admin)
            let there = try await server.result("privacy.export", ["cpr": "0101901234"], key: roskildeAdmin)["complaints"]?.arrayValue ?? []
            #expect(there.map { $0["complaint"]?["id"] } == [.string(roskilde)], "each tenant exports its own complaints only")
        }
    }
}
