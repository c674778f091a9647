import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// Erasure (GDPR art. 17), or restriction where a complaint is open or must be kept (art. 17(3)(b), 18):
/// a restricted complaint is shown to admins only and processed no further.
@Suite struct PrivacyEraseTests {
    @Test(arguments: StorageBackend.available)
    func eraseAnonymisesWhatMayGoAndRestrictsWhatMustStay(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let admin = try await server.key("kobenhavn", .admin)
            let dialogue = try await PrivacyFixtures.create(server, key: key, ref: "erase-1")
            let open = try await PrivacyFixtures.create(server, key: key, ref: "erase-2")
            let appeal = try await PrivacyFixtures.create(server, key: key, ref: "erase-3", track: "appeal")
            let other = try await PrivacyFixtures.create(server, key: key, ref: "erase-4", citizen: ["name": "Ole Olsen", "cpr": "020290-1234"])
            clock.advance(by: 3600)
            try await PrivacyFixtures.closeByDialogue(server, dialogue, key: key, at: clock)
            try await PrivacyFixtures.forwardAppeal(server, appeal, key: key, at: clock)

            #expect(try await server.call("privacy.erase", ["cpr": "0101901234"], key: key)["error"]?["code"] == -32003)
            let erased = try await server.result("privacy.erase", ["cpr": "010190-1234"], key: admin)
            #expect(erased["matchedBy"] == "cpr")
            let byID = Dictionary(
                uniqueKeysWithValues: (erased["complaints"]?.arrayValue ?? []).map { ($0.string("complaintId") ?? "", $0) })
            #expect(byID[dialogue]?["action"] == "anonymised")
            #expect(byID[open]?["action"] == "restricted")
            #expect(byID[open]?.string("reason")?.contains("still open") == true)
            #expect(byID[appeal]?["action"] == "restricted")
            #expect(byID[appeal]?.string("reason")?.contains("17(3)(b)") == true)
            #expect(byID[other] == nil)

            let gone = try await server.result("complaint.get", ["id": .string(dialogue)], key: key)
            #expect(gone["citizen"] == ["name": "(anonymised)"])
            #expect(gone["description"] == "(anonymised)")
            for id in [open, appeal] {
                #expect(try await server.call("complaint.get", ["id": .string(id)], key: key)["error"]?["code"] == -32004)
                #expect(try await server.call("complaint.journey", ["id": .string(id)], key: key)["error"]?["code"] == -32004)
                let shown = try await server.result("complaint.get", ["id": .string(id)], key: admin)
                #expect(shown["restrictedAt"]?.stringValue != nil)
                #expect(shown["citizen"]?["name"] == "Karen Jensen", "restricted is kept, not erased")
            }
            let listed = try await server.result("complaint.list", [:], key: key)["items"]?.arrayValue?.compactMap { $0.string("id") } ?? []
            #expect(Set(listed) == [dialogue, other])
            let all = try await server.result("complaint.list", [:], key: admin)["items"]?.arrayValue ?? []
            #expect(all.count == 4, "admins still list restricted complaints")
            let processed = try await server.call(
                "complaint.act", ["id": .string(open), "action": "confirmContact", "version": 2], key: admin)
            #expect(processed["error"]?["code"] == -32009)
            #expect(processed["error"]?["message"]?.stringValue?.contains("restricted") == true)
            let contact = try await server.call(
                "contact.record",
                ["complaintId": .string(open), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())), "summary": "Called"],
                key: key)
            #expect(contact["error"]?["code"] == -32009)
            clock.advance(by: 7 * 86_400)
            try await server.host.services.complaints.checkDeadlines()
            let journey = try await server.result("complaint.journey", ["id": .string(open)], key: admin)["events"]?.arrayValue ?? []
            #expect(journey.last?["type"] == "privacy.restricted", "a restricted complaint's clocks are not checked")
            #expect(journey.last?["data"] == ["reason": "open"])

            let again = try await server.result("privacy.erase", ["phone": "+45 20304050"], key: admin)
            #expect(
                (again["complaints"]?.arrayValue ?? []).compactMap { $0.string("action") } == ["alreadyRestricted", "alreadyRestricted"],
                "the anonymised complaint holds the phone number no more")
        }
    }
}
