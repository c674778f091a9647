import Foundation
import KlageKernel
import KlageTestSupport
import Testing

/// An appeal of a decision (klage over en afgørelse), end to end over HTTP on every engine: the track
/// is an explicit param, a decision kept in whole or in part is forwarded, and every workflow that
/// takes appeals records where it went.
@Suite struct AppealWalkTests {
    static func appeal(_ workflow: String, _ ref: String) -> JSONValue {
        [
            "workflow": .string(workflow), "track": "appeal", "channel": "letter", "subject": "Afslag på hjælpemiddel",
            "description": "Borgeren klager over afgørelsen om afslag på en rollator.", "citizen": ["name": "Jens Hansen"],
            "externalRef": .string(ref),
        ]
    }

    @Test func theTrackIsADocumentedParamOfComplaintCreate() async throws {
        try await withTestServer { server throws in
            let document = try await server.result("rpc.discover", key: nil)
            let create = try #require(document["methods"]?.arrayValue?.first { $0.string("name") == "complaint.create" })
            let track = try #require(create["params"]?.arrayValue?.first { $0.string("name") == "track" })
            #expect(track["schema"]?["enum"] == ["dissatisfaction", "appeal"])
            #expect(track["schema"]?["default"] == "dissatisfaction")
            #expect(track.string("summary")?.contains("forwardedTo") == true)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aRoskildeAppealKeptInPartIsForwardedAndRecordsWhereItWent(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("roskilde", .caseworker)
            let created = try await server.result("complaint.create", Self.appeal("roskilde.abc", "APP-1"), key: key)
            let id = try #require(created.string("id"))
            #expect(created.string("track") == "appeal")
            #expect(created["deadlines"]?.arrayValue?.contains { $0.string("name") == "appealForwarding" } == true)
            func record(_ summary: String) async throws {
                clock.advance(by: 3600)
                _ = try await server.result(
                    "contact.record",
                    [
                        "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())),
                        "summary": .string(summary),
                    ], key: key)
            }
            try await record("A: talked about the decision")
            var complaint = try await server.result("complaint.act", ["id": .string(id), "action": "a", "version": 2], key: key)
            complaint = try await server.result(
                "complaint.act",
                [
                    "id": .string(id), "action": "b", "version": complaint["version"]!, "fields": ["sharedWith": ["Hjælpemidler"]],
                ], key: key)
            try await record("C: told her the decision is kept in part")
            complaint = try await server.result("complaint.get", ["id": .string(id)], key: key)
            complaint = try await server.result(
                "complaint.act",
                [
                    "id": .string(id), "action": "c", "version": complaint["version"]!, "fields": ["wantsWrittenAnswer": false],
                ], key: key)

            let partly = try await server.call(
                "complaint.act",
                [
                    "id": .string(id), "action": "close", "version": complaint["version"]!, "outcome": "partly_upheld",
                ], key: key)
            #expect(partly["error"]?["code"] == -32022)
            #expect(partly["error"]?["data"]?["field"] == "outcome")
            let nowhere = try await server.call(
                "complaint.act",
                [
                    "id": .string(id), "action": "close", "version": complaint["version"]!, "outcome": "forwarded",
                ], key: key)
            #expect(nowhere["error"]?["data"]?["field"] == "fields.forwardedTo")
            let forwarded = try await server.result(
                "complaint.act",
                [
                    "id": .string(id), "action": "close", "version": complaint["version"]!, "outcome": "forwarded",
                    "fields": ["forwardedTo": "Ankestyrelsen"],
                ], key: key)
            #expect(forwarded.string("state") == "closed")
            #expect(forwarded["fields"]?["forwardedTo"] == "Ankestyrelsen")
            #expect(forwarded["deadlines"]?.arrayValue?.first { $0.string("name") == "appealForwarding" }?["metAt"] != .null)
            let journey = try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []
            #expect(journey.contains { $0.string("type") == "complaint.forwarded" && $0["data"]?["to"] == "Ankestyrelsen" })
        }
    }

    @Test(arguments: StorageBackend.available)
    func aCopenhagenAppealClosesWithoutForwardingOnlyWhenTheDecisionChangesFully(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let id = try #require(try await server.result("complaint.create", Self.appeal("borgerkontakt.dialogue", "APP-2"), key: key).string("id"))
            _ = try await server.result(
                "complaint.act", ["id": .string(id), "action": "continueFormally", "version": 1, "note": "Genvurdering"], key: key)
            for outcome in ["partly_upheld", "rejected"] {
                let kept = try await server.call(
                    "complaint.act",
                    [
                        "id": .string(id), "action": "decide", "version": 2, "note": "Decided", "outcome": .string(outcome),
                    ], key: key)
                #expect(kept["error"]?["data"]?["field"] == "outcome", "\(outcome) is refused for an appeal")
            }
            let upheld = try await server.result(
                "complaint.act",
                [
                    "id": .string(id), "action": "decide", "version": 2, "note": "The decision is changed in full", "outcome": "upheld",
                ], key: key)
            #expect(upheld.string("outcome") == "upheld")
        }
    }
}
