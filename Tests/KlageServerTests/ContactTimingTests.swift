import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// When a contact counts, over HTTP on every engine: whole-second client times, backdating against a
/// recorded miss, and the written route to a citizen who cannot be reached.
@Suite struct ContactTimingTests {
    static func call(_ id: String, at date: Date, kind: String = "phone", reached: Bool = true, minutes: Double? = nil) -> JSONValue {
        var params: [String: JSONValue] = [
            "complaintId": .string(id), "kind": .string(kind), "reached": .bool(reached), "occurredAt": .string(Timestamp.format(date)),
            "summary": "Called the citizen",
        ]
        if let minutes { params["durationMinutes"] = .number(minutes) }
        return .object(params)
    }

    /// A caseworker key of Copenhagen and a new complaint registered with it.
    static func copenhagenComplaint(_ server: TestServer, tenant: String = "kobenhavn") async throws -> (key: String, id: String) {
        let key = try await server.key(tenant, .caseworker)
        return (key, try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key).string("id")))
    }

    static func journeyTypes(_ server: TestServer, _ id: String, key: String) async throws -> [String] {
        (try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []).compactMap { $0.string("type") }
    }

    @Test(arguments: StorageBackend.available)
    func aCallInTheSecondOfReceiptGivenInWholeSecondsMeetsTheCallBack(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Timestamp.parse("2026-11-25T09:30:00.731Z")!)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let created = try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key)
            let id = try #require(created.string("id"))
            #expect(created.string("receivedAt") == "2026-11-25T09:30:00.731Z")
            _ = try await server.result("contact.record", Self.call(id, at: Timestamp.parse("2026-11-25T09:30:00Z")!), key: key)
            let complaint = try await server.result("complaint.get", ["id": .string(id)], key: key)
            #expect(complaint.int("version") == 2)
            #expect(complaint["deadlines"]?.arrayValue?.first?.string("metAt") == "2026-11-25T09:30:00Z")
            _ = try await server.result("complaint.act", ["id": .string(id), "action": "confirmContact", "version": 2], key: key)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aBackdatedCallNeverClearsARecordedMissOrItsEscalation(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let (key, id) = try await Self.copenhagenComplaint(server)
            clock.advance(by: 2 * 86_400)
            try await server.host.services.complaints.checkDeadlines()
            // The call is said to have happened an hour after receipt, long before the miss was recorded.
            _ = try await server.result("contact.record", Self.call(id, at: Fixtures.monday.addingTimeInterval(3600)), key: key)
            let complaint = try await server.result("complaint.get", ["id": .string(id)], key: key)
            let callBack = try #require(complaint["deadlines"]?.arrayValue?.first)
            #expect(callBack.string("metAt") == Timestamp.format(Fixtures.monday.addingTimeInterval(3600)))
            #expect(callBack["missed"] == true)
            #expect(complaint["escalatedAt"] != .null && complaint["escalatedAt"] != nil)
            let leader = try await server.key("kobenhavn", .leader)
            #expect(try await server.result("complaint.list", ["escalated": true], key: leader)["items"]?.arrayValue?.count == 1)
            let events = try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []
            #expect(events.contains { $0.string("type") == "deadline.met" && $0["data"]?["late"] == true })
        }
    }

    @Test(arguments: StorageBackend.available)
    func aContactIsDatedFromTheComplaintsReceiptButNotBefore(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            var params = Fixtures.copenhagenComplaint.objectValue!
            let received = Fixtures.monday.addingTimeInterval(-3 * 86_400)
            params["receivedAt"] = .string(Timestamp.format(received))
            let id = try #require(try await server.result("complaint.create", .object(params), key: key).string("id"))
            // Received three days ago, registered now: the call that happened yesterday is recorded at its real time.
            let yesterday = Fixtures.monday.addingTimeInterval(-86_400)
            let recorded = try await server.result("contact.record", Self.call(id, at: yesterday), key: key)
            #expect(recorded.string("occurredAt") == Timestamp.format(yesterday))
            // Nothing before receipt.
            let answer = try await server.call("contact.record", Self.call(id, at: received.addingTimeInterval(-1)), key: key)
            #expect(answer["error"]?["code"] == -32022)
            #expect(answer["error"]?["data"]?["field"] == "occurredAt")
        }
    }

    @Test(arguments: StorageBackend.available)
    func afterThreeFailedCallAttemptsAnEmailMeetsFirstContactAndTheJourneySaysWhy(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let (key, id) = try await Self.copenhagenComplaint(server)
            for attempt in 1...3 {
                clock.advance(by: 1800)
                _ = try await server.result("contact.record", Self.call(id, at: clock.now(), reached: false), key: key)
                let opened = try await Self.journeyTypes(server, id, key: key).contains("contact.writtenRouteOpened")
                #expect(opened == (attempt == 3))
            }
            clock.advance(by: 600)
            _ = try await server.result("contact.record", Self.call(id, at: clock.now(), kind: "email"), key: key)
            let callBack = try #require(try await server.result("complaint.get", ["id": .string(id)], key: key)["deadlines"]?.arrayValue?.first)
            #expect(callBack.string("metAt") == Timestamp.format(clock.now()))
            #expect(callBack["missed"] == false)
        }
    }

    @Test(arguments: StorageBackend.available)
    func beforeTheAttemptsAreUsedAnEmailDoesNotMeetFirstContact(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let (key, id) = try await Self.copenhagenComplaint(server)
            clock.advance(by: 1800)
            _ = try await server.result("contact.record", Self.call(id, at: clock.now(), reached: false), key: key)
            _ = try await server.result("contact.record", Self.call(id, at: clock.now(), kind: "email"), key: key)
            let callBack = try #require(try await server.result("complaint.get", ["id": .string(id)], key: key)["deadlines"]?.arrayValue?.first)
            #expect(callBack["metAt"] == .null || callBack["metAt"] == nil)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aTenantSetsHowManyFailedAttemptsOpenTheWrittenRoute(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            _ = try await server.result(
                "tenant.create",
                [
                    "id": "furesoe", "name": "Furesø Kommune", "plugins": ["borgerkontakt"],
                    "settings": ["failedCallAttemptsBeforeWrittenRoute": 2],
                ], key: server.operatorKey)
            let refused = try await server.call(
                "tenant.create",
                [
                    "id": "nowhere", "name": "Nowhere", "plugins": ["borgerkontakt"], "settings": ["failedCallAttemptsBeforeWrittenRoute": 0],
                ], key: server.operatorKey)
            #expect(refused["error"]?["data"]?["field"] == "settings.failedCallAttemptsBeforeWrittenRoute")
            let (key, id) = try await Self.copenhagenComplaint(server, tenant: "furesoe")
            for _ in 1...2 {
                clock.advance(by: 1800)
                _ = try await server.result("contact.record", Self.call(id, at: clock.now(), reached: false), key: key)
            }
            #expect(try await Self.journeyTypes(server, id, key: key).contains("contact.writtenRouteOpened"))
            _ = try await server.result("contact.record", Self.call(id, at: clock.now(), kind: "letter"), key: key)
            let callBack = try #require(try await server.result("complaint.get", ["id": .string(id)], key: key)["deadlines"]?.arrayValue?.first)
            #expect(callBack.string("metAt") == Timestamp.format(clock.now()))
        }
    }
}

/// The staff time a contact took: given in minutes, stored on every engine, returned by `contact.record` and
/// `contact.list` with whether the citizen was reached.
@Suite struct ContactDurationTests {
    @Test(arguments: StorageBackend.available)
    func aContactsDurationIsStoredAndReturned(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let (key, id) = try await ContactTimingTests.copenhagenComplaint(server)
            let call = ContactTimingTests.call(id, at: Fixtures.monday, minutes: 25)
            let recorded = try await server.result("contact.record", call, key: key)
            #expect(recorded["durationMinutes"] == 25)
            #expect(recorded["reached"] == true)
            let attempt = ContactTimingTests.call(id, at: Fixtures.monday, reached: false, minutes: 2)
            _ = try await server.result("contact.record", attempt, key: key)
            let listed = try await server.result("contact.list", ["complaintId": .string(id)], key: key)["items"]?.arrayValue ?? []
            #expect(listed.map { $0["durationMinutes"] } == [25, 2])
            #expect(listed.map { $0["reached"] } == [true, false])
        }
    }

    @Test(arguments: [-1, 1_441, 100_000])
    func aDurationOutsideADayIsRefusedNamingTheField(minutes: Int) async throws {
        try await withTestServer(.sqlite, clock: FixedClock(Fixtures.monday)) { server throws in
            let (key, id) = try await ContactTimingTests.copenhagenComplaint(server)
            let call = ContactTimingTests.call(id, at: Fixtures.monday, minutes: Double(minutes))
            let answer = try await server.call("contact.record", call, key: key)
            #expect(answer["error"]?["code"] == -32022)
            #expect(answer["error"]?["data"]?["field"] == "durationMinutes")
            let listed = try await server.result("contact.list", ["complaintId": .string(id)], key: key)["items"]?.arrayValue
            #expect(listed?.isEmpty == true)
        }
    }
}
