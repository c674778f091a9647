import Foundation
import KlageKernel
import KlageTestSupport
import Testing

/// Roskilde's C and the citizen's choice of a written answer, over HTTP on every engine.
@Suite struct RoskildeGetBackTests {
    static let complaint: JSONValue = [
        "workflow": "roskilde.abc", "channel": "phone", "subject": "Sagsbehandlingen i jobcentret",
        "description": "Borgeren er blevet sendt rundt mellem afdelinger.", "citizen": ["name": "Mette Madsen"],
    ]

    /// A complaint through A and B, with the A call recorded; returns its id and version.
    static func shared(_ server: TestServer, key: String, clock: FixedClock) async throws -> (String, JSONValue) {
        let id = try #require(try await server.result("complaint.create", complaint, key: key).string("id"))
        clock.advance(by: 3600)
        _ = try await server.result("contact.record", contact(id, at: clock.now(), "A: called her"), key: key)
        let a = try await server.result("complaint.act", ["id": .string(id), "action": "a", "version": 2], key: key)
        let b = try await server.result("complaint.act", [
            "id": .string(id), "action": "b", "version": a["version"]!, "fields": ["sharedWith": ["Jobcenter Nord"]],
        ], key: key)
        return (id, b["version"]!)
    }

    static func contact(_ id: String, at date: Date, _ summary: String, kind: String = "phone") -> JSONValue {
        ["complaintId": .string(id), "kind": .string(kind), "occurredAt": .string(Timestamp.format(date)), "summary": .string(summary)]
    }

    @Test(arguments: StorageBackend.available)
    func cNeedsAGetBackAfterTheAConversationNotTheACallAgain(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("roskilde", .caseworker)
            let (id, version) = try await Self.shared(server, key: key, clock: clock)
            let early = try await server.call("complaint.act", [
                "id": .string(id), "action": "c", "version": version, "fields": ["wantsWrittenAnswer": false],
            ], key: key)
            #expect(early["error"]?["code"] == -32009)
            #expect(early["error"]?["message"]?.stringValue?.contains("gotBackAfterA") == true)

            clock.advance(by: 86_400)
            _ = try await server.result("contact.record", Self.contact(id, at: clock.now(), "C: called her back"), key: key)
            let current = try await server.result("complaint.get", ["id": .string(id)], key: key)
            let answered = try await server.result("complaint.act", [
                "id": .string(id), "action": "c", "version": current["version"]!, "fields": ["wantsWrittenAnswer": false],
            ], key: key)
            #expect(answered.string("state") == "answered")
        }
    }

    @Test(arguments: StorageBackend.available)
    func whenTheCitizenWantsAWrittenAnswerTheLetterIsTheGetBack(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("roskilde", .caseworker)
            let (id, _) = try await Self.shared(server, key: key, clock: clock)
            clock.advance(by: 86_400)
            _ = try await server.result("contact.record", Self.contact(id, at: clock.now(), "Called her back"), key: key)
            var current = try await server.result("complaint.get", ["id": .string(id)], key: key)
            let withoutLetter = try await server.call("complaint.act", [
                "id": .string(id), "action": "c", "version": current["version"]!, "fields": ["wantsWrittenAnswer": true],
            ], key: key)
            #expect(withoutLetter["error"]?["code"] == -32009)
            _ = try await server.result("contact.record", Self.contact(id, at: clock.now(), "The written answer", kind: "letter"), key: key)
            current = try await server.result("complaint.get", ["id": .string(id)], key: key)
            let answered = try await server.result("complaint.act", [
                "id": .string(id), "action": "c", "version": current["version"]!, "fields": ["wantsWrittenAnswer": true],
            ], key: key)
            #expect(answered.string("state") == "answered")
            // Closing by agreement owes the written confirmation, and its clock runs.
            let closed = try await server.result("complaint.act", [
                "id": .string(id), "action": "close", "version": answered["version"]!, "outcome": "resolved", "fields": ["citizenConsent": true],
            ], key: key)
            #expect(closed["deadlines"]?.arrayValue?.contains { $0.string("name") == "writtenConfirmation" } == true)
        }
    }

    @Test(arguments: StorageBackend.available)
    func closingByAgreementWithoutAWrittenAnswerOwesNoLetterAndTheJourneySaysSo(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("roskilde", .caseworker)
            let (id, _) = try await Self.shared(server, key: key, clock: clock)
            clock.advance(by: 86_400)
            _ = try await server.result("contact.record", Self.contact(id, at: clock.now(), "C: called her back"), key: key)
            let current = try await server.result("complaint.get", ["id": .string(id)], key: key)
            let answered = try await server.result("complaint.act", [
                "id": .string(id), "action": "c", "version": current["version"]!, "fields": ["wantsWrittenAnswer": false],
            ], key: key)
            let closed = try await server.result("complaint.act", [
                "id": .string(id), "action": "close", "version": answered["version"]!, "outcome": "resolved", "fields": ["citizenConsent": true],
            ], key: key)
            #expect(closed.string("state") == "closed")
            #expect(closed["deadlines"]?.arrayValue?.contains { $0.string("name") == "writtenConfirmation" } == false)
            let types = (try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? [])
                .compactMap { $0.string("type") }
            #expect(types.contains("complaint.writtenAnswerChosen"))
            #expect(types.contains("complaint.confirmationWaived"))
            #expect(!types.contains("complaint.confirmationOwed"))
        }
    }
}
