import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// Each tenant's own working hours and closing days, over HTTP on every engine: its clocks, and the
/// scheduler's misses, follow its calendar, while another tenant on the same host keeps the standard one;
/// settings that are not valid are refused, naming the field, and leave the stored settings as they were.
@Suite struct TenantCalendarOverRPCTests {
    /// Friday 27 November 2026, 12:00 Copenhagen time.
    static let fridayNoon = Timestamp.parse("2026-11-27T11:00:00Z")!

    /// Furesø, from the configuration: Friday 08:00-13:30, closed on Monday 30 November, C within 2 working days.
    static let furesoe = ServerConfiguration.TenantSeed(
        id: "furesoe", name: "Furesø Kommune", plugins: ["roskilde"],
        settings: [
            "workingHours": ["friday": "08:00-13:30"], "closingDays": ["2026-11-30", "2026-12-24"],
            "roskilde.getBackDeadline": "2wd",
        ])

    static let roskildeComplaint: JSONValue = [
        "workflow": "roskilde.abc", "channel": "phone", "subject": "Ventetid", "description": "Lang ventetid.",
        "citizen": ["name": "Mette Madsen"],
    ]

    static func deadline(_ complaint: JSONValue, _ name: String) -> JSONValue? {
        complaint["deadlines"]?.arrayValue?.first { $0.string("name") == name }
    }

    @Test(arguments: StorageBackend.available)
    func aShortFridayAndAClosingDayMoveATenantsDueTimesAndItsNeighbourKeepsTheStandardCalendar(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.fridayNoon)
        try await withTestServer(backend, clock: clock, tenants: TestServer.demoTenants + [Self.furesoe]) { server throws in
            _ = try await server.result(
                "tenant.create",
                [
                    "id": "odense", "name": "Odense Kommune", "plugins": ["borgerkontakt"],
                    "settings": ["workingHours": ["monday": "closed", "friday": ["08:00-12:30", "13:00-14:00"]]],
                ], key: server.operatorKey)
            var created: [String: (id: String, key: String, complaint: JSONValue)] = [:]
            for (tenant, params) in [
                ("roskilde", Self.roskildeComplaint), ("furesoe", Self.roskildeComplaint), ("odense", Fixtures.copenhagenComplaint),
            ] {
                let key = try await server.key(tenant, .caseworker)
                let complaint = try await server.result("complaint.create", params, key: key)
                created[tenant] = (try #require(complaint.string("id")), key, complaint)
            }
            // Standard: 4 h on Friday, 4 more on Monday; C, 5 working days of 8 h, on Friday 4 December at 12:00.
            #expect(Self.deadline(created["roskilde"]!.complaint, "firstContact")?.string("dueAt") == "2026-11-30T11:00:00Z")
            #expect(Self.deadline(created["roskilde"]!.complaint, "getBack")?.string("dueAt") == "2026-12-04T11:00:00Z")
            // Furesø: 1.5 h to 13:30 on Friday, Monday closed, 6.5 h on Tuesday; C two working days on, Wednesday 12:00.
            #expect(Self.deadline(created["furesoe"]!.complaint, "firstContact")?.string("dueAt") == "2026-12-01T13:30:00Z")
            #expect(Self.deadline(created["furesoe"]!.complaint, "getBack")?.string("dueAt") == "2026-12-02T11:00:00Z")
            // Odense: 0.5 h to 12:30 and 1 h after its lunch closing on Friday, Mondays closed, 6.5 h on Tuesday.
            #expect(Self.deadline(created["odense"]!.complaint, "firstContact")?.string("dueAt") == "2026-12-01T13:30:00Z")

            func missed(_ tenant: String, _ name: String) async throws -> Bool? {
                let (id, key, _) = try #require(created[tenant])
                let complaint = try await server.result("complaint.get", ["id": .string(id)], key: key)
                return Self.deadline(complaint, name)?["missed"]?.boolValue
            }
            clock.set(Timestamp.parse("2026-11-30T11:01:00Z")!)  // Monday 12:01
            try await server.host.services.complaints.checkDeadlines()
            #expect(try await missed("roskilde", "firstContact") == true)
            #expect(try await missed("furesoe", "firstContact") == false, "Furesø is closed on Monday")
            #expect(try await missed("odense", "firstContact") == false, "Odense is closed on Mondays")
            clock.set(Timestamp.parse("2026-12-01T13:31:00Z")!)  // Tuesday 14:31
            try await server.host.services.complaints.checkDeadlines()
            #expect(try await missed("furesoe", "firstContact") == true)
            #expect(try await missed("odense", "firstContact") == true)
            #expect(try await missed("furesoe", "getBack") == false)
            clock.set(Timestamp.parse("2026-12-02T11:01:00Z")!)  // Wednesday 12:01
            try await server.host.services.complaints.checkDeadlines()
            #expect(try await missed("furesoe", "getBack") == true)
            #expect(try await missed("roskilde", "getBack") == false)
        }
    }

    @Test(arguments: StorageBackend.available)
    func workingHoursOrClosingDaysThatAreNotValidAreRefusedNamingTheFieldAndChangeNothing(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Self.fridayNoon), tenants: TestServer.demoTenants + [Self.furesoe]) {
            server throws in
            let refusals: [(JSONValue, String)] = [
                (["workingHours": ["friday": "08:00-25:00"]], "settings.workingHours.friday"),
                (["workingHours": ["friday": "13:30-08:00"]], "settings.workingHours.friday"),
                (["workingHours": ["friday": ["08:00-12:00", "11:30-13:30"]]], "settings.workingHours.friday"),
                (["workingHours": ["fredag": "08:00-13:30"]], "settings.workingHours.fredag"),
                (["closingDays": ["2026-12-24", "2026-13-01"]], "settings.closingDays[1]"),
                (["closingDays": .array(Array(repeating: "2026-12-24", count: 367))], "settings.closingDays"),
            ]
            for (settings, field) in refusals {
                let refused = try await server.call(
                    "tenant.create", ["id": "nowhere", "name": "Nowhere", "plugins": ["borgerkontakt"], "settings": settings],
                    key: server.operatorKey)
                #expect(refused["error"]?["data"]?["field"]?.stringValue == field)
                #expect(refused["error"]?["message"]?.stringValue?.contains(field) == true)
            }
            #expect(try await server.host.services.tenants.list().contains { $0.id == "nowhere" } == false)

            // The configuration's path refuses the same, and Furesø keeps the settings it had.
            let before = try await server.host.services.tenants.get("furesoe")
            await #expect(throws: KlageError.self) {
                try await server.host.services.tenants.configure(
                    id: "furesoe", name: "Furesø Kommune", plugins: ["roskilde"],
                    settings: ["workingHours": ["friday": "08:00-13:30", "sunday": "25:00-26:00"]])
            }
            #expect(try await server.host.services.tenants.get("furesoe") == before)
            let key = try await server.key("furesoe", .caseworker)
            let complaint = try await server.result("complaint.create", Self.roskildeComplaint, key: key)
            #expect(Self.deadline(complaint, "firstContact")?.string("dueAt") == "2026-12-01T13:30:00Z")
        }
    }
}
