import Foundation
import KlageKernel
import KlageRPC
import KlageReports
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// `report.annual` over HTTP, on every engine: the year against the year before and the baseline, by
/// department with groups under five suppressed, learning turned into actions, appeals forwarded, first
/// contact and satisfaction, as figures and as Danish text; no personal data; leaders and admins only.
@Suite struct AnnualReportTests {
    /// The two evidence data sets of 2026: twelve complaints (Teknik ten, Borgerservice two), two
    /// appeals forwarded, two survey answers, two learning items; a baseline for 2025.
    static func dataSet(_ server: TestServer, clock: FixedClock) async throws -> String {
        let leader = try await CohortFiguresTests.dataSet(server, clock: clock)
        clock.set(EvidenceReportTests.start)
        _ = try await EvidenceReportTests.dataSet(server, clock: clock)
        try await server.host.store.saveBaseline(
            Baseline(
                tenant: "kobenhavn", department: nil, from: Timestamp.parse("2024-12-31T23:00:00Z")!,
                to: Timestamp.parse("2025-12-31T23:00:00Z")!, received: 52, appealsForwarded: 9, medianDaysToClose: 21,
                satisfactionMean: 2.9, source: "ESDH 2025", updatedAt: clock.now()))
        return leader
    }

    @Test(arguments: StorageBackend.available)
    func theYearAgainstTheYearBeforeAndTheBaselineByDepartmentInDanish(_ backend: StorageBackend) async throws {
        let clock = FixedClock(CohortFiguresTests.end)
        try await withTestServer(backend, clock: clock) { server throws in
            let leader = try await Self.dataSet(server, clock: clock)
            let report = try await server.result("report.annual", ["year": 2026], key: leader)
            #expect(report["title"] == "Årsberetning om klager 2026: Københavns Kommune")
            #expect(report["from"] == "2025-12-31T23:00:00Z")
            #expect(report["to"] == "2026-12-31T23:00:00Z")
            let year = try #require(report["thisYear"])
            #expect(year["received"] == 12)
            // Stopped by dialogue: P1, P5 and A of twelve; six still open.
            #expect(year["stoppedByDialogueShare"] == 0.25)
            #expect(year["openShare"] == 0.5)
            // Forwarded in 2026: P2 (October) and C; conversations within 24 hours and the deadline: 2 + 4.
            #expect(year["appealsForwarded"] == 2)
            #expect(year["firstContactWithin24HoursShare"] == 0.5)
            #expect(year["firstContactWithinDeadlineShare"] == 0.5)
            #expect(year["satisfactionAnswers"] == 2)
            #expect(year["satisfactionMean"] == .null, "fewer than five answers")
            #expect(report["previousYear"]?["received"] == 0)
            #expect(report["previousYear"]?["suppressed"] == true)
            #expect(report["baseline"]?["received"] == 52)
            let departments = report["departments"]?.arrayValue ?? []
            #expect(departments.map { $0["department"] } == ["Borgerservice", "Teknik"])
            #expect(departments[0]["suppressed"] == true)
            #expect(departments[0]["received"] == .null, "two complaints: suppressed")
            #expect(departments[1]["received"] == 10)
            #expect(report["learning"]?["raised"] == 2)
            #expect(report["learning"]?["turnedIntoActions"] == 1)
            #expect(report["learning"]?["actionsDone"] == 1)
            let paragraphs = report["paragraphs"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(
                paragraphs.first
                    == "I 2026 modtog kommunen 12 klager, mod 0 i 2025. Før metoden blev taget i brug (1/1 2025–31/12 2025) var tallet 52.")
            #expect(paragraphs.contains { $0.hasPrefix("25 % af årets klager blev afsluttet i dialog med borgeren") })
            let appeals = "2 klager over afgørelser blev sendt videre til klageinstansen, mod 0 i 2025. Før metoden: 9."
            #expect(paragraphs.contains(appeals))
            #expect(paragraphs.contains("Læring: 2 læringspunkter blev rejst, 1 blev til handlinger, og 1 handlinger er gennemført."))
            let text = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
            for personal in ["Jens Hansen", "12345678", "+45", "Waiting for a walker"] { #expect(!text.contains(personal)) }
        }
    }

    @Test(arguments: StorageBackend.available)
    func theAnnualReportIsForLeadersAndAdminsOfPastAndCurrentYears(_ backend: StorageBackend) async throws {
        let clock = FixedClock(CohortFiguresTests.end)
        try await withTestServer(backend, clock: clock) { server throws in
            _ = try await Self.dataSet(server, clock: clock)
            for role in [Role.caseworker, .integration] {
                let answer = try await server.call("report.annual", ["year": 2026], key: try await server.key("kobenhavn", role))
                #expect(answer["error"]?["code"] == -32003, "refuses \(role)")
            }
            let admin = try await server.key("kobenhavn", .admin)
            #expect(try await server.result("report.annual", ["year": 2026], key: admin)["thisYear"]?["received"] == 12)
            let future = try await server.call("report.annual", ["year": 2027], key: admin)
            #expect(future["error"]?["data"]?["field"] == "year")
            let other = try await server.result("report.annual", ["year": 2026], key: try await server.key("roskilde", .leader))
            #expect(other["thisYear"]?["received"] == 0)
            #expect(other["thisYear"]?["stoppedByDialogueShare"] == .null)
        }
    }
}
