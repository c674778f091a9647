import Foundation
import KlageKernel
import KlageRPC
import KlageReports
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// Figures a leader can trust, on every engine, over a data set whose last month is still open: cohort
/// shares and the time to close count the open complaints; first contact is a two-way conversation,
/// within 24 hours and within the tenant's deadline, the written route apart; staff time is per
/// complaint received; appeals are forwarded in the month they were forwarded; before and after are
/// equal windows with rates per month; escalations are by clock; and cells stored in the old layout
/// are computed again.
@Suite struct CohortFiguresTests {
    /// September to November 2026 in Copenhagen.
    static let autumn: JSONValue = ["from": "2026-08-31T22:00:00Z", "to": "2026-11-30T23:00:00Z"]
    static let end = Timestamp.parse("2026-11-20T07:00:00Z")!

    /// Six complaints. Received Friday 4 September at 15:00 (due Monday 7 September at 15:00, one
    /// working day later): P1 called on Monday at 10:00 (67 hours: within the deadline, not within 24
    /// hours; 20 minutes, 60 minutes of effort) and withdrawn; P2, an appeal, never called, forwarded
    /// on 5 October at 11:00. Received Monday 2 November at 08:00 (due 16:00): P3 called on Tuesday at 07:00 (23
    /// hours: within 24 hours, not the deadline), open; P4 three failed calls, then a letter at 11:00
    /// (the written route), open; P5 called at 09:00 (1 hour) and resolved; P6 never called, open.
    static func dataSet(_ server: TestServer, clock: FixedClock) async throws -> String {
        let key = try await server.key("kobenhavn", .caseworker)
        let leader = try await server.key("kobenhavn", .leader)
        func at(_ time: String) { clock.set(Timestamp.parse(time)!) }
        func create(_ index: Int, track: String = "dissatisfaction") async throws -> String {
            var params = Fixtures.copenhagenComplaint.objectValue!
            params["externalRef"] = .string("cohort-\(index)")
            params["department"] = "Teknik"
            params["track"] = .string(track)
            return try #require(try await server.result("complaint.create", .object(params), key: key).string("id"))
        }
        func contact(_ id: String, _ kind: String = "phone", minutes: Int? = nil, reached: Bool = true) async throws {
            var params: [String: JSONValue] = [
                "complaintId": .string(id), "kind": .string(kind), "occurredAt": .string(Timestamp.format(clock.now())),
                "summary": "Contact", "reached": .bool(reached),
            ]
            if let minutes { params["durationMinutes"] = .number(Double(minutes)) }
            _ = try await server.result("contact.record", .object(params), key: key)
        }
        func act(_ id: String, _ action: String, _ extra: [String: JSONValue] = [:]) async throws {
            let version = try await server.result("complaint.get", ["id": .string(id)], key: key)["version"] ?? 0
            var params: [String: JSONValue] = ["id": .string(id), "action": .string(action), "version": version]
            params.merge(extra) { $1 }
            _ = try await server.result("complaint.act", .object(params), key: key)
        }
        at("2026-09-04T13:00:00Z")
        let p1 = try await create(1)
        let p2 = try await create(2, track: "appeal")
        at("2026-09-07T08:00:00Z")
        try await contact(p1, minutes: 20)
        _ = try await server.result("effort.record", ["complaintId": .string(p1), "minutes": 60, "activity": "read the case"], key: key)
        try await act(p1, "confirmContact")
        try await act(p1, "close", ["outcome": "withdrawn", "fields": ["citizenConsent": true]])
        at("2026-09-08T12:00:00Z")
        try await server.host.services.complaints.checkDeadlines()
        at("2026-10-05T09:00:00Z")
        try await server.host.services.complaints.checkDeadlines()
        try await act(p2, "continueFormally", ["note": "Kept"])
        try await act(p2, "decide", ["note": "Kept", "outcome": "forwarded", "fields": ["forwardedTo": "Ankestyrelsen"]])

        at("2026-11-02T07:00:00Z")
        let p3 = try await create(3)
        let p4 = try await create(4)
        let p5 = try await create(5)
        _ = try await create(6)
        at("2026-11-02T08:00:00Z")
        try await contact(p5)
        try await act(p5, "confirmContact")
        try await act(p5, "close", ["outcome": "resolved", "fields": ["citizenConsent": true]])
        for _ in 0..<3 { try await contact(p4, reached: false) }
        at("2026-11-02T10:00:00Z")
        try await contact(p4, "letter")
        at("2026-11-02T15:30:00Z")
        try await server.host.services.complaints.checkDeadlines()
        at("2026-11-03T06:00:00Z")
        try await contact(p3)
        clock.set(end)
        return leader
    }

    @Test(arguments: StorageBackend.available)
    func cohortFiguresCountTheOpenComplaints(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.end)
        try await withTestServer(backend, clock: clock) { server throws in
            let leader = try await Self.dataSet(server, clock: clock)
            let whole = try #require(try await server.result("report.figures", Self.autumn, key: leader)["groups"]?.arrayValue?.first)
            #expect(whole["received"] == 6)
            #expect(whole["closed"] == 3)
            // P1 and P5 of six received, three still open: not two of three closed.
            #expect(whole["stoppedByDialogue"] == ["count": 2, "share": .number(2.0 / 6), "openShare": 0.5])
            #expect(whole["continuedFormally"] == ["count": 1, "share": .number(1.0 / 6), "openShare": 0.5])
            // Closed after 1 hour (P5), 67 hours (P1), 740 hours (P2); P3, P4, P6 open for 432 hours:
            // the median is 432 hours (18 days), not the closed ones' 67 hours.
            #expect(whole["daysToClose"] == ["median": 18, "p90": .number(740.0 / 24), "openShare": 0.5])
        }
    }

    @Test(arguments: StorageBackend.available)
    func firstContactIsAConversationWithin24HoursAndWithinTheDeadlineTheWrittenRouteApart(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.end)
        try await withTestServer(backend, clock: clock) { server throws in
            let leader = try await Self.dataSet(server, clock: clock)
            let whole = try #require(try await server.result("report.figures", Self.autumn, key: leader)["groups"]?.arrayValue?.first)
            let first = try #require(whole["firstContact"])
            // Conversations after 1 (P5), 23 (P3) and 67 (P1) hours; P4's letter is not one.
            #expect(first["conversations"] == 3)
            #expect(first["medianHours"] == 23)
            #expect(first["within24Hours"] == ["count": 2, "share": .number(2.0 / 6), "openShare": 0.5])
            #expect(first["withinDeadline"] == ["count": 2, "share": .number(2.0 / 6), "openShare": 0.5])
            #expect(first["writtenRoute"] == ["count": 1, "share": .number(1.0 / 6), "openShare": 0.5])
            #expect(first["failedCallAttemptsPerComplaint"] == 0.5)
        }
    }

    @Test(arguments: StorageBackend.available)
    func staffTimeIsPerComplaintReceivedWithTheShareRecorded(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.end)
        try await withTestServer(backend, clock: clock) { server throws in
            let leader = try await Self.dataSet(server, clock: clock)
            let whole = try #require(try await server.result("report.figures", Self.autumn, key: leader)["groups"]?.arrayValue?.first)
            #expect(
                whole["staffTime"]
                    == ["totalMinutes": 80, "complaintsWithTime": 1, "recordedShare": .number(1.0 / 6), "minutesPerComplaint": .number(80.0 / 6)])
        }
    }

    @Test(arguments: StorageBackend.available)
    func appealsAreForwardedInTheMonthForwardedAndEscalationsAreByClock(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.end)
        try await withTestServer(backend, clock: clock) { server throws in
            let leader = try await Self.dataSet(server, clock: clock)
            var monthly = Self.autumn.objectValue!
            monthly["interval"] = "month"
            let periods = try await server.result("report.series", .object(monthly), key: leader)["periods"]?.arrayValue ?? []
            #expect(periods.map { $0["figures"]?["received"] } == [2, 0, 4])
            #expect(periods.map { $0["figures"]?["appeals"]?["forwarded"] } == [0, 1, 0], "P2 was forwarded in October")
            #expect(periods[0]["figures"]?["appeals"]?["forwardedOfReceived"]?["count"] == 1)
            let whole = try #require(try await server.result("report.figures", Self.autumn, key: leader)["groups"]?.arrayValue?.first)
            #expect(whole["escalated"] == 3)
            // P2, P3 and P6 missed the call-back; P2 also its four weeks to the appeals board.
            #expect(whole["escalationsByClock"] == ["firstContact": 3, "appealForwarding": 1])
        }
    }

    @Test(arguments: StorageBackend.available)
    func beforeAndAfterAreRatesPerMonthOverEqualWindows(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.end)
        try await withTestServer(backend, clock: clock) { server throws in
            let leader = try await Self.dataSet(server, clock: clock)
            // Adopted 1 October; on 20 November one whole month has passed: September against October.
            let compared = try await server.result("report.compare", ["adoptedOn": "2026-09-30T22:00:00Z"], key: leader)
            #expect(compared["before"]?["from"] == "2026-08-31T22:00:00Z")
            #expect(compared["after"]?["to"] == "2026-10-31T23:00:00Z")
            #expect(compared["before"]?["months"] == 1)
            #expect(compared["after"]?["months"] == 1)
            #expect(compared["before"]?["perMonth"] == ["received": 2, "closed": 2, "stoppedByDialogue": 1, "appealsForwarded": 0, "escalated": 1])
            #expect(compared["after"]?["perMonth"] == ["received": 0, "closed": 0, "stoppedByDialogue": 0, "appealsForwarded": 1, "escalated": 0])
        }
    }

    @Test(arguments: StorageBackend.available)
    func cellsStoredInAnotherLayoutAreComputedAgainAtStartUp(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.end)
        try await withTestServer(backend, clock: clock) { server throws in
            let leader = try await Self.dataSet(server, clock: clock)
            let figures = try await server.result("report.figures", Self.autumn, key: leader)
            let store = try #require(server.host.services.env.store as? SQLKlageStore)
            // As a build before the conversations stored them: 24 counters and two histograms, no clocks.
            let before = ReportCell.Counter.allCases.prefix(24).map { "\($0)" }.joined(separator: ",")
            try await store.driver.write(tenant: nil) { connection in
                for row in try connection.query("SELECT tenant_id, family, day, department, value, cell FROM report_cells") {
                    let parts = try row.string("cell").split(separator: "|", omittingEmptySubsequences: false)
                    let old = parts[0].split(separator: ",").prefix(24).joined(separator: ",") + "|" + parts[1] + "|" + parts[2]
                    _ = try connection.execute(
                        """
                        UPDATE report_cells SET cell = \(old) WHERE tenant_id = \(try row.string("tenant_id")) AND family = \(try row.string("family"))
                        AND day = \(Int(row["day"].integer ?? 0)) AND department = \(try row.string("department")) AND value = \(try row.string("value"))
                        """)
                }
                _ = try connection.execute("DELETE FROM report_months")
                _ = try connection.execute("DELETE FROM report_month_status")
                _ = try connection.execute("UPDATE klage_layouts SET layout = \(before) WHERE name = 'report cells'")
            }
            let stale = try await server.result("report.figures", Self.autumn, key: leader)
            #expect(stale["groups"]?.arrayValue?.first?["firstContact"]?["conversations"] == 0, "an old cell reads the new counters as zero")
            // The next start finds the old layout recorded, and the cells are computed again.
            try await store.migrate()
            #expect(try await server.result("report.figures", Self.autumn, key: leader) == figures)
        }
    }
}
