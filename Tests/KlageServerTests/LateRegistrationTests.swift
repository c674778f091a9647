import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// Contacts at their real time, over HTTP on every engine: a contact is dated from the complaint's receipt,
/// and a complaint a case system registers late is judged by when the citizen was really called.
@Suite struct LateRegistrationTests {
    /// Wednesday 25 November 2026, 09:30 UTC: when the case system registers the complaint.
    static let registered = Fixtures.monday
    /// Tuesday 24 November 2026, 07:30 UTC (08:30 in Copenhagen): when the citizen called in, 26 hours earlier.
    static let received = registered.addingTimeInterval(-26 * 3600)

    /// A Copenhagen phone complaint with its real receipt time, registered now.
    static func registerLate(_ server: TestServer, receivedAt: Date = received, ref: String = "ESDH-LATE-1") async throws -> (
        key: String, id: String
    ) {
        let key = try await server.key("kobenhavn", .caseworker)
        var params = try #require(Fixtures.copenhagenComplaint.objectValue)
        params["receivedAt"] = .string(Timestamp.format(receivedAt))
        params["externalRef"] = .string(ref)
        return (key, try #require(try await server.result("complaint.create", .object(params), key: key).string("id")))
    }

    @Test(arguments: StorageBackend.available)
    func aLatePhoneComplaintCalledBackOnTimeIsMetAndNeverEscalated(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.registered)
        try await withTestServer(backend, clock: clock) { server throws in
            let (key, id) = try await Self.registerLate(server)
            let callBack = try #require(try await server.result("complaint.get", ["id": .string(id)], key: key)["deadlines"]?.arrayValue?.first)
            #expect(try #require(Timestamp.parse(callBack.string("dueAt") ?? "")) < Self.registered, "the clock runs from receipt")

            // The scheduler runs before the caseworker has recorded the call: no miss yet.
            clock.advance(by: 60)
            try await server.host.services.complaints.checkDeadlines()
            // The call-back, an hour after receipt and long before registration, recorded at its real time.
            let call = Self.received.addingTimeInterval(3600)
            clock.advance(by: 600)
            _ = try await server.result("contact.record", ContactTimingTests.call(id, at: call), key: key)

            clock.advance(by: 3 * 86_400)
            try await server.host.services.complaints.checkDeadlines()
            let complaint = try await server.result("complaint.get", ["id": .string(id)], key: key)
            let met = try #require(complaint["deadlines"]?.arrayValue?.first)
            #expect(met.string("metAt") == Timestamp.format(call))
            #expect(met["missed"] == false)
            #expect(complaint["escalatedAt"] == nil || complaint["escalatedAt"] == .null)
            let types = try await ContactTimingTests.journeyTypes(server, id, key: key)
            #expect(!types.contains("deadline.missed"))
            #expect(!types.contains("deadline.escalated"))
            let leader = try await server.key("kobenhavn", .leader)
            #expect(try await server.result("complaint.list", ["escalated": true], key: leader)["items"]?.arrayValue?.isEmpty == true)
            let events = try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []
            #expect(events.contains { $0.string("type") == "deadline.met" && $0["data"]?["late"] == false })
        }
    }

    @Test(arguments: StorageBackend.available)
    func theCallInWhichTheComplaintWasReceivedIsTheCallBack(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.registered)
        try await withTestServer(backend, clock: clock) { server throws in
            // Received by phone five hours ago; the intake call itself was the conversation.
            let received = Self.registered.addingTimeInterval(-5 * 3600)
            let (key, id) = try await Self.registerLate(server, receivedAt: received)
            _ = try await server.result("contact.record", ContactTimingTests.call(id, at: received), key: key)
            let callBack = try #require(try await server.result("complaint.get", ["id": .string(id)], key: key)["deadlines"]?.arrayValue?.first)
            #expect(callBack.string("metAt") == Timestamp.format(received))
            #expect(callBack["missed"] == false)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aLateRegistrationGetsItsGraceAndNoMoreWhenNobodyCalled(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.registered)
        try await withTestServer(backend, clock: clock) { server throws in
            let (key, id) = try await Self.registerLate(server)
            clock.advance(by: 7 * 3600 + 3540)
            try await server.host.services.complaints.checkDeadlines()
            #expect(try await !ContactTimingTests.journeyTypes(server, id, key: key).contains("deadline.missed"), "within the 8 hours' grace")
            clock.advance(by: 120)
            try await server.host.services.complaints.checkDeadlines()
            let types = try await ContactTimingTests.journeyTypes(server, id, key: key)
            #expect(types.contains("deadline.missed"))
            #expect(types.contains("deadline.escalated"))
        }
    }

    @Test(arguments: StorageBackend.available)
    func aTenantSetsTheGraceForLateRegistrations(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.registered)
        try await withTestServer(backend, clock: clock) { server throws in
            let refused = try await server.call(
                "tenant.create",
                ["id": "nowhere", "name": "Nowhere", "plugins": ["borgerkontakt"], "settings": ["lateRegistrationGraceHours": 100]],
                key: server.operatorKey)
            #expect(refused["error"]?["data"]?["field"] == "settings.lateRegistrationGraceHours")
            _ = try await server.result(
                "tenant.create",
                ["id": "furesoe", "name": "Furesø Kommune", "plugins": ["borgerkontakt"], "settings": ["lateRegistrationGraceHours": 0]],
                key: server.operatorKey)
            let key = try await server.key("furesoe", .caseworker)
            var params = try #require(Fixtures.copenhagenComplaint.objectValue)
            params["receivedAt"] = .string(Timestamp.format(Self.received))
            let id = try #require(try await server.result("complaint.create", .object(params), key: key).string("id"))
            clock.advance(by: 60)
            try await server.host.services.complaints.checkDeadlines()
            #expect(try await ContactTimingTests.journeyTypes(server, id, key: key).contains("deadline.missed"), "no grace: judged at once")
        }
    }
}
