import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// Surveys issued at closing where the tenant sets `surveyAtClosing`, over HTTP on every engine: the
/// token comes back once, on the `complaint.act` that closed the complaint, and nowhere else.
@Suite struct SurveyAtClosingTests {
    /// Adds Furesø with `surveyAtClosing` and returns a caseworker key and a new complaint of it.
    static func fureso(_ server: TestServer) async throws -> (key: String, id: String) {
        _ = try await server.result(
            "tenant.create",
            ["id": "furesoe", "name": "Furesø Kommune", "plugins": ["borgerkontakt"], "settings": ["surveyAtClosing": true]],
            key: server.operatorKey)
        return try await ContactTimingTests.copenhagenComplaint(server, tenant: "furesoe")
    }

    static func act(_ id: String, _ action: String, version: Int, outcome: String? = nil) -> [String: JSONValue] {
        var params: [String: JSONValue] = ["id": .string(id), "action": .string(action), "version": .number(Double(version)), "note": "n"]
        if let outcome { params["outcome"] = .string(outcome) }
        return params
    }

    @Test(arguments: StorageBackend.available)
    func closingIssuesTheSurveyAndTheTokenIsShownOnThatResponseOnly(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let (key, id) = try await Self.fureso(server)
            let formal = try await server.result("complaint.act", .object(Self.act(id, "continueFormally", version: 1)), key: key)
            #expect(formal["survey"] == nil, "no survey before closing")
            let closed = try await server.result("complaint.act", .object(Self.act(id, "decide", version: 2, outcome: "rejected")), key: key)
            #expect(closed.string("state") == "closed")
            let token = try #require(closed["survey"]?.string("token"))
            #expect(closed["survey"]?.string("expiresAt") == Timestamp.format(Fixtures.monday.addingTimeInterval(30 * 86_400)))

            #expect(try await server.result("complaint.get", ["id": .string(id)], key: key)["survey"] == nil)
            let journey = try await server.result("complaint.journey", ["id": .string(id)], key: key)
            #expect(journey["events"]?.arrayValue?.contains { $0.string("type") == "survey.issued" } == true)
            #expect(!String(decoding: try JSONEncoder().encode(journey), as: UTF8.self).contains(token))
            let again = try await server.call("survey.issue", ["complaintId": .string(id)], key: key)
            #expect(again["error"]?["code"] == -32009, "one survey per complaint")
            #expect(try await server.result("survey.submit", ["token": .string(token), "score": 5], key: nil) == ["thanks": true])
        }
    }

    @Test(arguments: StorageBackend.available)
    func closingWithWhatWasLearnedIssuesTheSurveyToo(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let (key, id) = try await Self.fureso(server)
            _ = try await server.result("complaint.act", .object(Self.act(id, "continueFormally", version: 1)), key: key)
            var params = Self.act(id, "decide", version: 2, outcome: "rejected")
            params["learning"] = ["title": "Letters are unclear", "insight": "Write the decision in plain Danish"]
            let closed = try await server.result("complaint.act", .object(params), key: key)
            #expect(closed["survey"]?.string("token") != nil)
        }
    }

    @Test(arguments: StorageBackend.available)
    func withoutTheSettingClosingIssuesNoSurvey(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let (key, id) = try await ContactTimingTests.copenhagenComplaint(server)
            _ = try await server.result("complaint.act", .object(Self.act(id, "continueFormally", version: 1)), key: key)
            let closed = try await server.result("complaint.act", .object(Self.act(id, "decide", version: 2, outcome: "rejected")), key: key)
            #expect(closed.string("state") == "closed")
            #expect(closed["survey"] == nil)
            let journey = try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []
            #expect(!journey.contains { $0.string("type") == "survey.issued" })
        }
    }

    @Test(arguments: StorageBackend.available)
    func whenNoSurveyCanBeIssuedTheCloseStillStands(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let (key, id) = try await Self.fureso(server)
            _ = try await server.result("contact.record", ContactTimingTests.call(id, at: clock.now()), key: key)
            _ = try await server.result("complaint.act", ["id": .string(id), "action": "confirmContact", "version": 2], key: key)
            let consent: [String: JSONValue] = ["citizenConsent": true]
            var close = Self.act(id, "close", version: 3, outcome: "resolved")
            close["fields"] = .object(consent)
            #expect(try await server.result("complaint.act", .object(close), key: key)["survey"] != nil)
            _ = try await server.result("complaint.reopen", ["id": .string(id), "version": 4, "reason": "She called again"], key: key)
            _ = try await server.result("complaint.act", ["id": .string(id), "action": "confirmContact", "version": 5], key: key)
            close = Self.act(id, "close", version: 6, outcome: "resolved")
            close["fields"] = .object(consent)
            let result = try await server.result("complaint.act", .object(close), key: key)
            #expect(result.string("state") == "closed", "the complaint has a survey already; closing again stands without a new one")
            #expect(result["survey"] == nil)
        }
    }

    @Test(arguments: StorageBackend.available)
    func theSurveySettingAndMethodAdoptionAreValidatedNamingTheSetting(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let cases: [(JSONValue, String)] = [
                (["surveyAtClosing": "yes"], "settings.surveyAtClosing"),
                (["methodAdoption": "2025-03-01"], "settings.methodAdoption"),
                (["methodAdoption": ["*": "2025-03-01", "Jobcenter": "2025-02-30"]], "settings.methodAdoption.Jobcenter"),
                (["methodAdoption": ["Jobcenter": "1/3/2025"]], "settings.methodAdoption.Jobcenter"),
                (["methodAdoption": ["": "2025-03-01"]], "settings.methodAdoption."),
            ]
            for (index, (settings, field)) in cases.enumerated() {
                let answer = try await server.call(
                    "tenant.create", ["id": .string("t\(index)"), "name": "T", "plugins": ["borgerkontakt"], "settings": settings],
                    key: server.operatorKey)
                #expect(answer["error"]?["code"] == -32022)
                #expect(answer["error"]?["data"]?["field"] == .string(field))
            }
            let created = try await server.result(
                "tenant.create",
                [
                    "id": "aarhus", "name": "Aarhus Kommune", "plugins": ["borgerkontakt"],
                    "settings": ["surveyAtClosing": false, "methodAdoption": ["*": "2025-03-01", "Jobcenter": "2025-09-01"]],
                ], key: server.operatorKey)
            #expect(created["settings"]?["methodAdoption"]?["Jobcenter"] == "2025-09-01")
        }
    }
}
