import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// Staff time on a complaint, over HTTP on every engine: `effort.record` and `effort.list`.
@Suite struct EffortTests {
    static func effort(_ id: String, minutes: Int, activity: String? = nil, at: Date? = nil) -> JSONValue {
        var params: [String: JSONValue] = ["complaintId": .string(id), "minutes": .number(Double(minutes))]
        if let activity { params["activity"] = .string(activity) }
        if let at { params["at"] = .string(Timestamp.format(at)) }
        return .object(params)
    }

    @Test(arguments: StorageBackend.available)
    func effortIsRecordedOnTheJourneyListedOldestFirstAndAllowedAfterClosing(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let (key, id) = try await ContactTimingTests.copenhagenComplaint(server)
            clock.advance(by: 3600)
            let first = try await server.result("effort.record", Self.effort(id, minutes: 30, activity: "Read the case file"), key: key)
            #expect(first.int("minutes") == 30)
            #expect(first.string("at") == Timestamp.format(clock.now()))
            #expect(first.string("activity") == "Read the case file")
            #expect(first.string("complaintId") == id)
            _ = try await server.result("complaint.act", ["id": .string(id), "action": "continueFormally", "version": 1, "note": "formal"], key: key)
            let closed = try await server.result(
                "complaint.act", ["id": .string(id), "action": "decide", "version": 2, "note": "n", "outcome": "rejected"], key: key)
            #expect(closed["closedAt"] != nil && closed["closedAt"] != .null)
            clock.advance(by: 86_400)
            _ = try await server.result("effort.record", Self.effort(id, minutes: 15, at: Fixtures.monday.addingTimeInterval(1800)), key: key)
            let leader = try await server.key("kobenhavn", .leader)
            let items = try await server.result("effort.list", ["complaintId": .string(id)], key: leader)["items"]?.arrayValue ?? []
            #expect(items.map { $0.int("minutes") } == [15, 30], "oldest first, by when the work was done")
            let journey = try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []
            #expect(journey.filter { $0.string("type") == "effort.recorded" }.count == 2)
        }
    }

    @Test(arguments: StorageBackend.available)
    func effortRefusesBadInputNamingTheField(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let (key, id) = try await ContactTimingTests.copenhagenComplaint(server)
            let cases: [(JSONValue, String)] = [
                (Self.effort(id, minutes: 0), "minutes"),
                (Self.effort(id, minutes: 1_441), "minutes"),
                (Self.effort(id, minutes: 10, activity: "Called her on 12 34 56 78"), "activity"),
                (Self.effort(id, minutes: 10, activity: String(repeating: "a", count: 201)), "activity"),
                (Self.effort(id, minutes: 10, at: Fixtures.monday.addingTimeInterval(3_600)), "at"),
                (Self.effort(id, minutes: 10, at: Fixtures.monday.addingTimeInterval(-60)), "at"),
            ]
            for (params, field) in cases {
                let answer = try await server.call("effort.record", params, key: key)
                #expect(answer["error"]?["code"] == -32022)
                #expect(answer["error"]?["data"]?["field"] == .string(field))
            }
            #expect(try await server.result("effort.list", ["complaintId": .string(id)], key: key)["items"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test(arguments: StorageBackend.available)
    func onlyCaseworkersRecordAndAnotherTenantFindsNothing(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let (_, id) = try await ContactTimingTests.copenhagenComplaint(server)
            let integration = try await server.key("kobenhavn", .integration)
            #expect(try await server.call("effort.record", Self.effort(id, minutes: 5), key: integration)["error"]?["code"] == -32003)
            #expect(try await server.result("effort.list", ["complaintId": .string(id)], key: integration)["items"] == [])
            let roskilde = try await server.key("roskilde", .caseworker)
            #expect(try await server.call("effort.record", Self.effort(id, minutes: 5), key: roskilde)["error"]?["code"] == -32004)
            #expect(try await server.call("effort.list", ["complaintId": .string(id)], key: roskilde)["error"]?["code"] == -32004)
        }
    }
}
