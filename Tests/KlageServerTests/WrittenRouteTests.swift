import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// The written route reaches the workflows, over HTTP on every engine: after the tenant's failed call
/// attempts, or when the citizen asks for written contact, a letter that reached the citizen lets Roskilde's
/// A and Copenhagen's confirmation and close go on; phone stays the default; the route is recorded so
/// figures can keep the two apart.
@Suite struct WrittenRouteTests {
    static func contact(_ id: String, _ kind: String, at date: Date, reached: Bool = true) -> JSONValue {
        [
            "complaintId": .string(id), "kind": .string(kind), "reached": .bool(reached), "occurredAt": .string(Timestamp.format(date)),
            "summary": "Contact with the citizen",
        ]
    }

    static func act(_ id: String, _ action: String, version: JSONValue?, outcome: String? = nil, fields: JSONValue? = nil) -> JSONValue {
        var params: [String: JSONValue] = ["id": .string(id), "action": .string(action), "version": version ?? .null]
        if let outcome { params["outcome"] = .string(outcome) }
        if let fields { params["fields"] = fields }
        return .object(params)
    }

    /// Params of a `complaint.create` for an appeal of a decision on `workflow`.
    static func appeal(_ workflow: String, _ ref: String) -> JSONValue {
        [
            "workflow": .string(workflow), "track": "appeal", "channel": "letter", "subject": "Afslag på hjælpemiddel",
            "description": "Borgeren klager over afgørelsen om afslag på en rollator.", "citizen": ["name": "Jens Hansen"],
            "externalRef": .string(ref),
        ]
    }

    static func events(_ server: TestServer, _ id: String, key: String) async throws -> [JSONValue] {
        try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []
    }

    @Test(arguments: StorageBackend.available)
    func anUnreachableCitizensRoskildeAppealIsForwardedInTime(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("roskilde", .caseworker)
            let id = try #require(
                try await server.result("complaint.create", Self.appeal("roskilde.abc", "APP-UNREACHED"), key: key).string("id"))
            // Phone stays the default: a letter before the failed calls does not make A.
            clock.advance(by: 1800)
            _ = try await server.result("contact.record", Self.contact(id, "letter", at: clock.now()), key: key)
            let early = try await server.call("complaint.act", Self.act(id, "a", version: 1), key: key)
            #expect(early["error"]?["code"] == -32009)
            #expect(early["error"]?.string("message")?.contains("citizenReached") == true)
            for _ in 1...3 {
                clock.advance(by: 3600)
                _ = try await server.result("contact.record", Self.contact(id, "phone", at: clock.now(), reached: false), key: key)
            }
            var complaint = try await server.result("complaint.get", ["id": .string(id)], key: key)
            #expect(complaint["fields"]?["writtenRoute"]?.string("opened") == "unreachable")
            clock.advance(by: 3600)
            _ = try await server.result("contact.record", Self.contact(id, "digital_post", at: clock.now()), key: key)
            complaint = try await server.result("complaint.get", ["id": .string(id)], key: key)
            let firstContact = try #require(complaint["deadlines"]?.arrayValue?.first { $0.string("name") == "firstContact" })
            #expect(firstContact.string("metAt") == Timestamp.format(clock.now()))
            complaint = try await server.result("complaint.act", Self.act(id, "a", version: complaint["version"]), key: key)
            #expect(complaint.string("state") == "contacted")
            complaint = try await server.result(
                "complaint.act", Self.act(id, "b", version: complaint["version"], fields: ["sharedWith": ["Hjælpemidler"]]), key: key)
            clock.advance(by: 2 * 86_400)
            _ = try await server.result("contact.record", Self.contact(id, "letter", at: clock.now()), key: key)
            complaint = try await server.result("complaint.get", ["id": .string(id)], key: key)
            complaint = try await server.result(
                "complaint.act", Self.act(id, "c", version: complaint["version"], fields: ["wantsWrittenAnswer": true]), key: key)
            complaint = try await server.result(
                "complaint.act",
                Self.act(id, "close", version: complaint["version"], outcome: "forwarded", fields: ["forwardedTo": "Ankestyrelsen"]), key: key)
            #expect(complaint.string("state") == "closed")
            let forwarding = try #require(complaint["deadlines"]?.arrayValue?.first { $0.string("name") == "appealForwarding" })
            #expect(forwarding.string("metAt") == Timestamp.format(clock.now()))
            #expect(forwarding["missed"] != true)
            let events = try await Self.events(server, id, key: key)
            let routes = events.filter { $0.string("type") == "contact.recorded" }.compactMap { $0["data"]?.string("route") }
            #expect(routes == ["written_answer", "oral", "oral", "oral", "written", "written"])
            #expect(events.contains { $0.string("type") == "deadline.met" && $0["data"]?.string("deadline") == "appealForwarding" })
        }
    }

    @Test(arguments: StorageBackend.available)
    func aCitizenWhoAsksForWrittenContactIsReachedByLetterInCopenhagen(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let (key, id) = try await ContactTimingTests.copenhagenComplaint(server)
            let invalid = try await server.call("complaint.preferWrittenContact", ["id": .string(id), "version": 1, "reason": "deaf"], key: key)
            #expect(invalid["error"]?["code"] == -32602 || invalid["error"]?["code"] == -32022)
            var complaint = try await server.result(
                "complaint.preferWrittenContact", ["id": .string(id), "version": 1, "reason": "abroad"], key: key)
            #expect(complaint["fields"]?["writtenRoute"]?.string("opened") == "citizen_asked")
            #expect(complaint["fields"]?["writtenRoute"]?.string("reason") == "abroad")
            #expect(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key).string("id") == id, "a retried create")
            let again = try await server.call("complaint.preferWrittenContact", ["id": .string(id), "version": 2, "reason": "abroad"], key: key)
            #expect(again["error"]?["code"] == -32009)
            clock.advance(by: 3600)
            _ = try await server.result("contact.record", Self.contact(id, "email", at: clock.now()), key: key)
            complaint = try await server.result("complaint.get", ["id": .string(id)], key: key)
            #expect(
                complaint["deadlines"]?.arrayValue?.first { $0.string("name") == "firstContact" }?.string("metAt") == Timestamp.format(clock.now()))
            complaint = try await server.result("complaint.act", Self.act(id, "confirmContact", version: complaint["version"]), key: key)
            complaint = try await server.result(
                "complaint.act", Self.act(id, "close", version: complaint["version"], outcome: "resolved", fields: ["citizenConsent": true]),
                key: key)
            #expect(complaint.string("outcome") == "resolved")
            let events = try await Self.events(server, id, key: key)
            let preferred = try #require(events.first { $0.string("type") == "contact.writtenContactPreferred" })
            #expect(preferred["data"]?.string("reason") == "abroad")
            #expect(events.first { $0.string("type") == "contact.recorded" }?["data"]?.string("route") == "written")
            // Another tenant's key cannot reach the complaint.
            let roskilde = try await server.key("roskilde", .caseworker)
            let foreign = try await server.call(
                "complaint.preferWrittenContact", ["id": .string(id), "version": 4, "reason": "other"], key: roskilde)
            #expect(foreign["error"]?["code"] == -32004)
            // Anonymised, the complaint keeps its route for the figures and loses the citizen's reason.
            let admin = try await server.key("kobenhavn", .admin)
            _ = try await server.result("privacy.erase", ["phone": "+45 12345678"], key: admin)
            let anonymised = try await server.result("complaint.get", ["id": .string(id)], key: key)
            #expect(anonymised["fields"]?["writtenRoute"]?.string("opened") == "citizen_asked")
            #expect(anonymised["fields"]?["writtenRoute"]?.string("reason") == PersonalDataScrubber.marker)
            let kept = try await Self.events(server, id, key: key)
            #expect(kept.first { $0.string("type") == "contact.recorded" }?["data"]?.string("route") == "written")
            #expect(kept.first { $0.string("type") == "contact.writtenContactPreferred" }?["data"]?.string("reason") == PersonalDataScrubber.marker)
        }
    }

    @Test(arguments: StorageBackend.available)
    func withoutTheWrittenRouteCopenhagenStillNeedsAConversation(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let (key, id) = try await ContactTimingTests.copenhagenComplaint(server)
            clock.advance(by: 3600)
            _ = try await server.result("contact.record", Self.contact(id, "letter", at: clock.now()), key: key)
            let refused = try await server.call("complaint.act", Self.act(id, "confirmContact", version: 1), key: key)
            #expect(refused["error"]?["code"] == -32009)
            let complaint = try await server.result("complaint.get", ["id": .string(id)], key: key)
            #expect(complaint["fields"]?["writtenRoute"] == nil)
            #expect(complaint["deadlines"]?.arrayValue?.first?.string("metAt") == nil)
        }
    }
}
