import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// Every method whose answer holds the citizen's personal data, or notes that may, logs the read:
/// taking an action, pausing, resuming, assigning, correcting the track, recording a wish for written contact,
/// the journey, and a repeated create.
@Suite struct AccessLogCoverageTests {
    @Test(arguments: StorageBackend.available)
    func everyAnswerThatHoldsTheCitizenIsLogged(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let leader = try await server.key("kobenhavn", .leader)
            let id = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key).string("id"))
            _ = try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key)
            var mistaken = Fixtures.copenhagenComplaint.objectValue!
            mistaken["citizen"] = ["name": "Another Citizen"]
            #expect(try await server.call("complaint.create", .object(mistaken), key: key)["error"]?["code"] == -32009)
            _ = try await server.result("complaint.pause", ["id": .string(id), "version": 1, "reason": "Waiting for papers"], key: key)
            _ = try await server.result("complaint.resume", ["id": .string(id), "version": 2], key: key)
            _ = try await server.result(
                "contact.record",
                ["complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())), "summary": "Called"], key: key)
            _ = try await server.result("complaint.assign", ["id": .string(id), "version": 4, "department": "Teknik"], key: key)
            _ = try await server.result("complaint.act", ["id": .string(id), "action": "confirmContact", "version": 5], key: key)
            _ = try await server.result(
                "complaint.retrack", ["id": .string(id), "version": 6, "track": "appeal", "reason": "About a refusal"], key: key)
            _ = try await server.result("complaint.preferWrittenContact", ["id": .string(id), "version": 7, "reason": "abroad"], key: key)
            _ = try await server.result("complaint.journey", ["id": .string(id)], key: key)
            let reads = try await server.result("complaint.accessLog", ["id": .string(id)], key: leader)["reads"]?.arrayValue ?? []
            #expect(
                reads.map { $0.string("purpose") } == [
                    "complaint.create (repeated)", "complaint.pause", "complaint.resume", "complaint.assign", "complaint.act",
                    "complaint.retrack", "complaint.preferWrittenContact", "complaint.journey",
                ])
        }
    }
}
