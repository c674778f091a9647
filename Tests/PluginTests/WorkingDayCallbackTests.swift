import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// The demo tenants call back within one working day on the Danish calendar (`8wh`): a complaint that
/// arrives on a Friday afternoon or just before Christmas is not missed, or escalated, while the
/// municipality is closed. Checked by the deadline scheduler over every engine.
@Suite struct WorkingDayCallbackTests {
    struct Arrival: Sendable, CustomTestStringConvertible {
        let name: String
        let receivedAt: String
        /// Instants while the municipality is closed: nothing is due, warned or missed.
        let closed: [String]
        let dueAt: String
        var testDescription: String { name }
    }

    static let arrivals = [
        Arrival(
            name: "Friday 14:00", receivedAt: "2026-11-27T13:00:00Z",
            closed: ["2026-11-28T12:00:00Z", "2026-11-29T22:00:00Z", "2026-11-30T06:59:00Z"], dueAt: "2026-11-30T13:00:00Z"),
        Arrival(
            name: "23 December 15:00", receivedAt: "2026-12-23T14:00:00Z",
            closed: ["2026-12-24T12:00:00Z", "2026-12-25T12:00:00Z", "2026-12-26T12:00:00Z", "2026-12-27T20:00:00Z"],
            dueAt: "2026-12-28T14:00:00Z"),
    ]

    static let workflows: [(tenant: String, params: JSONValue)] = [
        ("kobenhavn", Fixtures.copenhagenComplaint),
        (
            "roskilde",
            [
                "workflow": "roskilde.abc", "channel": "phone", "subject": "Ventetid", "description": "Lang ventetid.",
                "citizen": ["name": "Mette Madsen"],
            ]
        ),
    ]

    @Test(arguments: StorageBackend.available, arrivals)
    func aComplaintArrivingBeforeTheMunicipalityClosesIsDueTheNextWorkingDay(_ backend: StorageBackend, _ arrival: Arrival) async throws {
        let clock = FixedClock(Timestamp.parse(arrival.receivedAt)!)
        try await withTestServer(backend, clock: clock) { server throws in
            var ids: [(String, String)] = []
            for (tenant, params) in Self.workflows {
                let key = try await server.key(tenant, .caseworker)
                let created = try await server.result("complaint.create", params, key: key)
                #expect(
                    created["deadlines"]?.arrayValue?.first { $0.string("name") == "firstContact" }?.string("dueAt") == arrival.dueAt,
                    "\(tenant)")
                ids.append((try #require(created.string("id")), key))
            }
            for instant in arrival.closed {
                clock.set(Timestamp.parse(instant)!)
                #expect(try await server.host.services.complaints.checkDeadlines() == 0, "nothing to record at \(instant)")
            }
            clock.set(Timestamp.parse(arrival.dueAt)!.addingTimeInterval(60))
            #expect(try await server.host.services.complaints.checkDeadlines() == 2, "both are missed once the working day has passed")
            for (id, key) in ids {
                let complaint = try await server.result("complaint.get", ["id": .string(id)], key: key)
                #expect(complaint["deadlines"]?.arrayValue?.first { $0.string("name") == "firstContact" }?["missed"] == true)
            }
        }
    }
}
