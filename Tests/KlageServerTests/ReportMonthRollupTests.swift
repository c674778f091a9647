import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// Report figures rolled up per calendar month, on every engine: a report reads a whole month as one
/// cell per group once it is rolled up, with the same figures as from its days; a change to one of its
/// days is in the next report at once, and the month is rolled up again afterwards.
@Suite struct ReportMonthRollupTests {
    /// November 2026 in Copenhagen, where the evidence data set lies.
    static let november: JSONValue = ["from": "2026-10-31T23:00:00Z", "to": "2026-11-30T23:00:00Z", "groupBy": "department"]
    static let novemberDays = ReportDay.of(Timestamp.parse("2026-11-01T12:00:00Z")!)..<ReportDay.of(Timestamp.parse("2026-12-01T12:00:00Z")!)

    @Test(arguments: StorageBackend.available)
    func aRolledUpMonthGivesTheFiguresOfItsDaysAndAChangeIsSeenAtOnce(_ backend: StorageBackend) async throws {
        let clock = FixedClock(EvidenceReportTests.start)
        try await withTestServer(backend, clock: clock) { server throws in
            let (leader, caseworker) = try await EvidenceReportTests.dataSet(server, clock: clock)
            clock.advance(by: 10 * 86_400)  // into December: November is a whole month behind
            let store = server.host.services.env.store
            let reports = ReportService(server.host.services.env)

            let fromDays = try await server.result("report.figures", Self.november, key: leader)
            #expect(
                try await store.reportCells(tenant: "kobenhavn", family: "all", days: Self.novemberDays, department: nil, months: true)
                    .cells.allSatisfy { $0.day != Self.novemberDays.lowerBound }, "not rolled up yet: read by day")

            let done = try await reports.catchUp(of: "kobenhavn")
            #expect(done.months >= 1)
            let rolled = try await store.reportCells(tenant: "kobenhavn", family: "all", days: Self.novemberDays, department: nil, months: true)
            #expect(rolled.stale.isEmpty)
            #expect(rolled.cells.map(\.day) == [Self.novemberDays.lowerBound, Self.novemberDays.lowerBound], "one cell per department")
            #expect(try await server.result("report.figures", Self.november, key: leader) == fromDays)
            let monthly: JSONValue = ["from": "2026-10-31T23:00:00Z", "to": "2026-12-31T23:00:00Z", "interval": "month"]
            let periods = try await server.result("report.series", monthly, key: leader)["periods"]?.arrayValue ?? []
            #expect(periods.first?["figures"]?["received"] == 6)

            // Effort recorded late marks its complaint's day: the month's roll-up is not used until redone.
            let listed = try await server.result("complaint.list", [:], key: caseworker)["items"]?.arrayValue ?? []
            let id = try #require(listed.first?["id"]?.stringValue)
            _ = try await server.result(
                "effort.record", ["complaintId": .string(id), "minutes": 40, "activity": "a meeting"], key: caseworker)
            let changed = try await server.result("report.figures", Self.november, key: leader)
            let minutes = { (report: JSONValue) in
                (report["groups"]?.arrayValue ?? []).compactMap { $0["staffTime"]?["totalMinutes"]?.numberValue }.reduce(0, +)
            }
            #expect(minutes(changed) == minutes(fromDays) + 40)
            let rereadByDay = try await store.reportCells(tenant: "kobenhavn", family: "all", days: Self.novemberDays, department: nil, months: true)
            #expect(rereadByDay.cells.allSatisfy { $0.day != Self.novemberDays.lowerBound }, "the month's roll-up went with the change")
            _ = try await reports.catchUp(of: "kobenhavn")
            let rolledAgain = try await store.reportCells(tenant: "kobenhavn", family: "all", days: Self.novemberDays, department: nil, months: true)
            #expect(rolledAgain.cells.map(\.day) == [Self.novemberDays.lowerBound, Self.novemberDays.lowerBound], "rolled up again")
            #expect(try await server.result("report.figures", Self.november, key: leader) == changed)
        }
    }
}
