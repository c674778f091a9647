import Foundation
import KlageKernel
import KlageRPC
import KlageReports
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// The retention schedules: a complaint's personal data is anonymised N months after it closes with
/// every report figure unchanged, and the access log keeps its reads for its own number of months.
@Suite struct PrivacyRetentionTests {
    @Test(arguments: StorageBackend.available)
    func closedComplaintsAreAnonymisedAfterTheirMonthsWithEveryFigureKept(_ backend: StorageBackend) async throws {
        let clock = FixedClock(EvidenceReportTests.start)
        try await withTestServer(backend, clock: clock) { server throws in
            let (leader, caseworker) = try await EvidenceReportTests.dataSet(server, clock: clock)
            let admin = try await server.key("kobenhavn", .admin)
            let privacy = PrivacyService(server.host.services.env)
            try await PrivacyFixtures.set(TenantSettings.anonymiseMonthsAfterClosing.key, 1, tenant: "kobenhavn", on: server)
            clock.advance(by: 20 * 86_400)
            #expect(try await privacy.applyRetention().isEmpty, "not a month after closing yet")

            clock.advance(by: 25 * 86_400)
            var byDepartment = EvidenceReportTests.wholeDays.objectValue!
            byDepartment["groupBy"] = "department"
            let queries = [EvidenceReportTests.wholeDays, EvidenceReportTests.partialDays, .object(byDepartment)]
            var before: [JSONValue] = []
            for query in queries { before.append(try await server.result("report.figures", query, key: leader)) }

            let runs = try await privacy.applyRetention()
            #expect(runs.map(\.anonymised) == [3], "A, B and C are closed; D, E and F are open")
            #expect(try await server.host.services.reports.refreshChangedDays(of: "kobenhavn") > 0, "the days are recomputed")
            for (query, figures) in zip(queries, before) {
                #expect(try await server.result("report.figures", query, key: leader) == figures)
            }
            #expect(try await privacy.applyRetention().isEmpty, "anonymising twice changes nothing")

            let page = try await server.result("complaint.list", ["limit": 10], key: admin)["items"]?.arrayValue ?? []
            let closed = page.filter { $0["closedAt"]?.stringValue != nil }
            let open = page.filter { $0["closedAt"]?.stringValue == nil }
            #expect(closed.count == 3 && open.count == 3)
            for complaint in closed {
                #expect(complaint["citizen"] == ["name": "(anonymised)"])
                #expect(complaint["subject"] == "(anonymised)")
                #expect(complaint["description"] == "(anonymised)")
                #expect(complaint["anonymisedAt"]?.stringValue != nil)
                let id = complaint["id"] ?? .null
                let contacts = try await server.result("contact.list", ["complaintId": id], key: caseworker)["items"]?.arrayValue ?? []
                #expect(contacts.allSatisfy { $0["summary"] == "(anonymised)" })
                let journey = try await server.result("complaint.journey", ["id": id], key: caseworker)["events"]?.arrayValue ?? []
                #expect(journey.last?["type"] == "privacy.anonymised")
                #expect(journey.allSatisfy { $0["data"]?["note"] == nil || $0["data"]?["note"] == "(anonymised)" })
            }
            #expect(open.allSatisfy { $0["citizen"]?["name"] == "Jens Hansen" })
            let effort = try await server.result("effort.list", ["complaintId": closed.last?["id"] ?? .null], key: caseworker)
            #expect(effort["items"]?.arrayValue?.allSatisfy { $0["activity"] == "(anonymised)" } == true)
        }
    }

    @Test(arguments: StorageBackend.available)
    func theAccessLogKeepsReadsForItsOwnMonths(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let leader = try await server.key("kobenhavn", .leader)
            let id = try await PrivacyFixtures.create(server, key: key, ref: "retention-log")
            _ = try await server.result("complaint.get", ["id": .string(id)], key: key)
            _ = try await server.result("complaint.get", ["id": .string(id)], key: key)
            clock.advance(by: 70 * 86_400)
            _ = try await server.result("complaint.get", ["id": .string(id)], key: leader)
            let privacy = PrivacyService(server.host.services.env)
            #expect(try await privacy.applyRetention().isEmpty, "no retention set: the access log is kept")
            try await PrivacyFixtures.set(TenantSettings.accessLogMonths.key, 2, tenant: "kobenhavn", on: server)
            #expect(try await privacy.applyRetention().map(\.accessRecordsDeleted) == [2])
            let reads = try await server.result("complaint.accessLog", ["id": .string(id)], key: leader)["reads"]?.arrayValue ?? []
            #expect(reads.map { $0.string("at") } == [Timestamp.format(clock.now())])
            #expect(try await server.result("complaint.get", ["id": .string(id)], key: key)["citizen"]?["name"] == "Karen Jensen")
        }
    }
}
