import Foundation
import KlageKernel
import KlageRPC
import KlageReports
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// Report figures rolled up per calendar month, on every engine: once a report has read a whole month
/// day by day, the month is rolled up and read as one cell per group, equal to the sum of its days; a
/// change to one of its days is in the next report at once, and the month is rolled up again.
@Suite struct ReportMonthRollupTests {
    /// November 2026 in Copenhagen, where the evidence data set lies.
    static let november: JSONValue = ["from": "2026-10-31T23:00:00Z", "to": "2026-11-30T23:00:00Z", "groupBy": "department"]
    static let novemberDays = ReportDay.of(Timestamp.parse("2026-11-01T12:00:00Z")!)..<ReportDay.of(Timestamp.parse("2026-12-01T12:00:00Z")!)

    @Test(arguments: StorageBackend.available)
    func aRolledUpMonthIsTheSumOfItsDaysAndAChangeIsSeenAtOnce(_ backend: StorageBackend) async throws {
        let clock = FixedClock(EvidenceReportTests.start)
        try await withTestServer(backend, clock: clock) { server throws in
            let (leader, caseworker) = try await EvidenceReportTests.dataSet(server, clock: clock)
            clock.advance(by: 10 * 86_400)  // into December: November is a whole month behind
            let store = server.host.store
            func cells(months: Bool) async throws -> StoredReportCells {
                try await store.reportCells(tenant: "kobenhavn", family: "all", days: Self.novemberDays, department: nil, months: months) {
                    ReportCellGroup(period: $0, group: $1.department)
                }
            }
            func byDepartment(_ stored: StoredReportCells) -> [String: ReportCell] {
                stored.cells.reduce(into: [:]) { $0[$1.key.group, default: ReportCell()].merge($1.value) }
            }
            let monthStart = Self.novemberDays.lowerBound

            let figures = try await server.result("report.figures", Self.november, key: leader)
            let rolled = try await cells(months: true)
            #expect(rolled.stale.isEmpty && rolled.monthsToRollUp == 0)
            #expect(rolled.cells.keys.map(\.period) == [monthStart, monthStart], "one cell per department, for the whole month")
            let days = try await cells(months: false)
            #expect(days.cells.keys.map(\.period) == [ReportDay.of(EvidenceReportTests.start), ReportDay.of(EvidenceReportTests.start)], "by day")
            #expect(byDepartment(rolled) == byDepartment(days))
            #expect(byDepartment(rolled)["Teknik"]?[.received] == 4)
            #expect(try await server.result("report.figures", Self.november, key: leader) == figures)

            // Effort recorded late marks its complaint's day: the month is read by day until rolled up again.
            let listed = try await server.result("complaint.list", [:], key: caseworker)["items"]?.arrayValue ?? []
            let id = try #require(listed.first?["id"]?.stringValue)
            _ = try await server.result("effort.record", ["complaintId": .string(id), "minutes": 40, "activity": "a meeting"], key: caseworker)
            let marked = try await cells(months: true)
            #expect(marked.stale.count == 1 && !marked.cells.keys.contains { $0.period == monthStart })
            let changed = try await server.result("report.figures", Self.november, key: leader)
            let minutes = { (report: JSONValue) in
                (report["groups"]?.arrayValue ?? []).compactMap { $0["staffTime"]?["totalMinutes"]?.numberValue }.reduce(0, +)
            }
            #expect(minutes(changed) == minutes(figures) + 40)
            #expect(try await cells(months: true).cells.keys.map(\.period) == [monthStart, monthStart], "rolled up again")
            #expect(try await server.result("report.figures", Self.november, key: leader) == changed)
            _ = try await server.host.services.reports.catchUp(of: "kobenhavn")
            #expect(try await server.result("report.figures", Self.november, key: leader) == changed)
        }
    }
}
