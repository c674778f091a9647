import Foundation
import KlageKernel
import KlageTestSupport
import Testing

/// Roskilde's C and the citizen's choice of a written answer, over HTTP on every engine.
@Suite struct RoskildeGetBackTests {
    /// One Roskilde complaint taken through A (with its call recorded) and B.
    struct SharedCase {
        let server: TestServer
        let key: String
        let clock: FixedClock
        let id: String

        init(_ server: TestServer, clock: FixedClock, tenant: String = "roskilde") async throws {
            self.server = server
            self.clock = clock
            key = try await server.key(tenant, .caseworker)
            id = try #require(
                try await server.result(
                    "complaint.create",
                    [
                        "workflow": "roskilde.abc", "channel": "phone", "subject": "Sagsbehandlingen i jobcentret",
                        "description": "Borgeren er blevet sendt rundt mellem afdelinger.", "citizen": ["name": "Mette Madsen"],
                    ], key: key
                ).string("id"))
            clock.advance(by: 3600)
            try await record("A: called her")
            _ = try await act(["action": "a"])
            _ = try await act(["action": "b", "fields": ["sharedWith": ["Jobcenter Nord"]]])
        }

        /// Records a contact that reached the citizen, now.
        func record(_ summary: String, kind: String = "phone") async throws {
            _ = try await server.result(
                "contact.record",
                [
                    "complaintId": .string(id), "kind": .string(kind), "occurredAt": .string(Timestamp.format(clock.now())),
                    "summary": .string(summary),
                ], key: key)
        }

        /// Takes an action at the complaint's current version; returns the whole answer, result or error.
        func act(_ params: [String: JSONValue]) async throws -> JSONValue {
            let version = try await server.result("complaint.get", ["id": .string(id)], key: key)["version"]!
            let answer = try await server.call("complaint.act", .object(params.merging(["id": .string(id), "version": version]) { $1 }), key: key)
            return answer["result"] ?? answer
        }

        /// C with the citizen's choice of a written answer.
        func getBack(wantsWrittenAnswer: Bool) async throws -> JSONValue {
            try await act(["action": "c", "fields": ["wantsWrittenAnswer": .bool(wantsWrittenAnswer)]])
        }

        /// Closes as resolved with the citizen's consent.
        func closeResolved() async throws -> JSONValue {
            try await act(["action": "close", "outcome": "resolved", "fields": ["citizenConsent": true]])
        }
    }

    @Test(arguments: StorageBackend.available)
    func cNeedsAGetBackAfterTheAConversationNotTheACallAgain(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let complaint = try await SharedCase(server, clock: clock)
            let early = try await complaint.getBack(wantsWrittenAnswer: false)
            #expect(early["error"]?["code"] == -32009)
            #expect(early["error"]?["message"]?.stringValue?.contains("gotBackAfterA") == true)
            clock.advance(by: 86_400)
            try await complaint.record("C: called her back")
            #expect(try await complaint.getBack(wantsWrittenAnswer: false).string("state") == "answered")
        }
    }

    @Test(arguments: StorageBackend.available)
    func whenTheCitizenWantsAWrittenAnswerTheLetterIsTheGetBackAndNoFurtherConfirmationIsOwed(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let complaint = try await SharedCase(server, clock: clock)
            clock.advance(by: 86_400)
            try await complaint.record("Called her back")
            #expect(try await complaint.getBack(wantsWrittenAnswer: true)["error"]?["code"] == -32009)
            try await complaint.record("The written answer", kind: "letter")
            #expect(try await complaint.getBack(wantsWrittenAnswer: true).string("state") == "answered")
            let closed = try await complaint.closeResolved()
            // Roskilde does not turn on `confirmationAfterAgreement`: the letter at C is the written answer.
            #expect(closed["deadlines"]?.arrayValue?.contains { $0.string("name") == "writtenConfirmation" } == false)
        }
    }

    @Test(arguments: StorageBackend.available)
    func closingByAgreementWithoutAWrittenAnswerOwesNoLetterAndTheJourneySaysSo(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let complaint = try await SharedCase(server, clock: clock)
            clock.advance(by: 86_400)
            try await complaint.record("C: called her back")
            _ = try await complaint.getBack(wantsWrittenAnswer: false)
            let closed = try await complaint.closeResolved()
            #expect(closed.string("state") == "closed")
            #expect(closed["deadlines"]?.arrayValue?.contains { $0.string("name") == "writtenConfirmation" } == false)
            let types = (try await server.result("complaint.journey", ["id": .string(complaint.id)], key: complaint.key)["events"]?.arrayValue ?? [])
                .compactMap { $0.string("type") }
            #expect(types.contains("complaint.writtenAnswerChosen"))
            // Nothing is owed by default, so nothing is waived either.
            #expect(!types.contains("complaint.confirmationWaived"))
            #expect(!types.contains("complaint.confirmationOwed"))
        }
    }

    @Test(arguments: StorageBackend.available)
    func theWrittenAnswerAtCIsTheOnlyLetterInATenantThatConfirmsAgreements(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            _ = try await server.result(
                "tenant.create",
                ["id": "lejre", "name": "Lejre Kommune", "plugins": ["roskilde"], "settings": ["confirmationAfterAgreement": true]],
                key: server.operatorKey)
            let complaint = try await SharedCase(server, clock: clock, tenant: "lejre")
            clock.advance(by: 86_400)
            try await complaint.record("The written answer", kind: "letter")
            #expect(try await complaint.getBack(wantsWrittenAnswer: true).string("state") == "answered")
            clock.advance(by: 3600)
            let closed = try await complaint.closeResolved()
            #expect(closed.string("state") == "closed")
            #expect(closed["deadlines"]?.arrayValue?.contains { $0.string("name") == "writtenConfirmation" } == false, "no second letter")
            let events = try await server.result("complaint.journey", ["id": .string(complaint.id)], key: complaint.key)["events"]?.arrayValue ?? []
            let given = try #require(events.first { $0.string("type") == "complaint.confirmationGiven" })
            let contacts = try await server.result("contact.list", ["complaintId": .string(complaint.id)], key: complaint.key)["items"]?.arrayValue
            let letter = try #require(contacts?.first { $0.string("kind") == "letter" })
            #expect(given["data"]?["contactId"] == letter["id"])
            #expect(!events.contains { $0.string("type") == "complaint.confirmationOwed" })

            // An agreement made on the phone after the letter is not in that letter: the same tenant owes the confirmation.
            let spoken = try await SharedCase(server, clock: clock, tenant: "lejre")
            clock.advance(by: 86_400)
            try await spoken.record("C: the written answer", kind: "letter")
            #expect(try await spoken.getBack(wantsWrittenAnswer: true).string("state") == "answered")
            clock.advance(by: 3600)
            try await spoken.record("Agreed on the phone what happens next")
            let owed = try await spoken.closeResolved()
            #expect(owed["deadlines"]?.arrayValue?.contains { $0.string("name") == "writtenConfirmation" && $0["metAt"] == nil } == true)
        }
    }
}
