import Foundation
import KlageKernel
import KlageTestSupport
import Testing

/// Roskilde, A-B-C: A -> B -> C -> closed without a letter -> the survey answered.
@Suite struct RoskildeWalkTests {
    @Test(arguments: StorageBackend.available)
    func aComplaintGoesThroughABCClosesWithoutALetterAndTheSurveyIsAnswered(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("roskilde", .caseworker)
            let created = try await server.result(
                "complaint.create",
                [
                    "workflow": "roskilde.abc", "channel": "letter", "subject": "Sagsbehandlingen i jobcentret", "department": "Borgerservice",
                    "description": "Borgeren er blevet sendt rundt mellem afdelinger.", "citizen": ["name": "Mette Madsen"],
                ], key: key)
            let id = try #require(created.string("id"))
            #expect(created["deadlines"]?.arrayValue?.map { $0.string("name") } == ["firstContact", "getBack"])

            // The journey: what happened before the complaint, and the hand-offs on the way.
            _ = try await server.result(
                "roskilde.touchpoint.add",
                [
                    "complaintId": .string(id), "at": "2026-11-10T10:00:00Z", "channel": "phone", "department": "Jobcenter",
                    "description": "Called about her activation plan",
                ], key: key)
            let future = try await server.call(
                "roskilde.touchpoint.add",
                [
                    "complaintId": .string(id), "at": "2026-12-10T10:00:00Z", "channel": "phone", "description": "later",
                ], key: key)
            #expect(future["error"]?["data"]?["field"] == "at")
            _ = try await server.result(
                "roskilde.handoff.record", ["complaintId": .string(id), "department": "Jobcenter", "withCitizen": true], key: key)
            let handedOff = try await server.result("complaint.get", ["id": .string(id)], key: key)
            #expect(handedOff.int("handoffs") == 1, "the plug-in's hand-off counts in the kernel's figure")
            #expect(handedOff.int("version") == 2)

            clock.advance(by: 3600)
            _ = try await server.result(
                "contact.record",
                [
                    "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())), "summary": "A: called her",
                ], key: key)
            var complaint = try await server.result("complaint.act", ["id": .string(id), "action": "a", "version": 3], key: key)
            let missingShare = try await server.call("complaint.act", ["id": .string(id), "action": "b", "version": complaint["version"]!], key: key)
            #expect(missingShare["error"]?["data"]?["field"] == "fields.sharedWith")
            complaint = try await server.result(
                "complaint.act",
                [
                    "id": .string(id), "action": "b", "version": complaint["version"]!,
                    "fields": ["sharedWith": ["Jobcenter Nord", "Borgerservice"], "lesson": "Letters were unclear"],
                ], key: key)
            #expect(complaint.string("state") == "shared")
            clock.advance(by: 86_400)
            _ = try await server.result(
                "contact.record",
                [
                    "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())),
                    "summary": "C: called her back with what the colleagues will change",
                ], key: key)
            complaint = try await server.result("complaint.get", ["id": .string(id)], key: key)
            complaint = try await server.result(
                "complaint.act",
                [
                    "id": .string(id), "action": "c", "version": complaint["version"]!, "fields": ["wantsWrittenAnswer": false],
                ], key: key)
            #expect(complaint["deadlines"]?.arrayValue?.first { $0.string("name") == "getBack" }?["metAt"] != nil)
            let overwrite = try await server.call(
                "complaint.act",
                [
                    "id": .string(id), "action": "close", "version": complaint["version"]!, "outcome": "resolved",
                    "fields": ["citizenConsent": true, "sharedWith": []],
                ], key: key)
            #expect(overwrite["error"]?["data"]?["field"] == "fields.sharedWith", "a later step cannot overwrite B's record")
            complaint = try await server.result(
                "complaint.act",
                [
                    "id": .string(id), "action": "close", "version": complaint["version"]!, "outcome": "resolved", "fields": ["citizenConsent": true],
                ], key: key)
            #expect(complaint.string("state") == "closed")
            #expect(complaint["fields"]?["wantsWrittenAnswer"] == false)

            let summary = try await server.result("roskilde.journey.summary", ["complaintId": .string(id)], key: key)
            #expect(summary.int("touchpointsBefore") == 1)
            #expect(summary.int("handoffs") == 1)
            #expect(summary["sharedWith"] == ["Jobcenter Nord", "Borgerservice"])
            let journey = try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []
            #expect(journey.first?.string("type") == "roskilde.touchpoint", "touchpoints before the complaint come first")

            // The survey: issued once at closing, answered once without a key, no personal data.
            let survey = try await server.result("survey.issue", ["complaintId": .string(id)], key: key)
            let token = try #require(survey.string("token"))
            #expect(try await server.call("survey.issue", ["complaintId": .string(id)], key: key)["error"]?["code"] == -32009)
            #expect(try await server.call("survey.submit", ["token": .string(token), "score": 6], key: nil)["error"]?["data"]?["field"] == "score")
            #expect(
                try await server.call("survey.submit", ["token": .string(token), "score": 4, "comment": "Ring 12345678"], key: nil)["error"]?["code"]
                    == -32022)
            #expect(
                try await server.result("survey.submit", ["token": .string(token), "score": 5, "comment": "Fast and friendly"], key: nil)["thanks"]
                    == true)
            #expect(try await server.call("survey.submit", ["token": .string(token), "score": 5], key: nil)["error"]?["code"] == -32009)
            #expect(try await server.call("survey.submit", ["token": "srv_unknown", "score": 5], key: nil)["error"]?["code"] == -32004)
        }
    }

    @Test func aSurveyExpiresAndIsOnlyForClosedComplaints() async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let id = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key).string("id"))
            #expect(try await server.call("survey.issue", ["complaintId": .string(id)], key: key)["error"]?["code"] == -32009)
            _ = try await server.result("complaint.act", ["id": .string(id), "action": "continueFormally", "version": 1, "note": "Formal"], key: key)
            _ = try await server.result(
                "complaint.act", ["id": .string(id), "action": "decide", "version": 2, "note": "Decided", "outcome": "upheld"], key: key)
            let token = try #require(try await server.result("survey.issue", ["complaintId": .string(id)], key: key).string("token"))
            clock.advance(by: 31 * 86_400)
            #expect(try await server.call("survey.submit", ["token": .string(token), "score": 3], key: nil)["error"]?["code"] == -32009)
        }
    }
}
