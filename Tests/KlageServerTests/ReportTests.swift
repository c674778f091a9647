import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// `report.summary`: the numbers a municipality measures itself by, from a walk with a fixed clock.
@Suite struct ReportTests {
    @Test(arguments: StorageBackend.available)
    func theSummaryCountsWithdrawalsContactTimesClosingEscalationsAndSatisfaction(_ backend: StorageBackend) async throws {
        let start = Fixtures.monday
        let clock = FixedClock(start)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let leader = try await server.key("kobenhavn", .leader)
            var ids: [String] = []
            for index in 0..<3 {
                var params = Fixtures.copenhagenComplaint.objectValue!
                params["externalRef"] = .string("report-\(index)")
                ids.append(try await server.result("complaint.create", .object(params), key: key).string("id") ?? "")
            }
            func contact(_ id: String) async throws {
                _ = try await server.result(
                    "contact.record",
                    [
                        "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())), "summary": "Called",
                    ], key: key)
            }
            // The first: called after 2 hours and withdrawn.
            clock.advance(by: 2 * 3600)
            try await contact(ids[0])
            _ = try await server.result("complaint.act", ["id": .string(ids[0]), "action": "confirmContact", "version": 2], key: key)
            _ = try await server.result(
                "complaint.act",
                [
                    "id": .string(ids[0]), "action": "close", "version": 3, "outcome": "withdrawn",
                    "fields": ["citizenConsent": true],
                ], key: key)
            // The second: called late, after 30 hours, and decided formally; the third never called.
            clock.advance(by: 28 * 3600)
            try await contact(ids[1])
            _ = try await server.host.services.complaints.checkDeadlines()
            _ = try await server.result(
                "complaint.act", ["id": .string(ids[1]), "action": "continueFormally", "version": 2, "note": "Formal"], key: key)
            _ = try await server.result(
                "complaint.act", ["id": .string(ids[1]), "action": "decide", "version": 3, "note": "Upheld", "outcome": "upheld"], key: key)
            for (id, score) in [(ids[0], 4), (ids[1], 2)] {
                let token = try await server.result("survey.issue", ["complaintId": .string(id)], key: key).string("token") ?? ""
                _ = try await server.result("survey.submit", ["token": .string(token), "score": .number(Double(score))], key: nil)
            }

            let period: JSONValue = [
                "from": .string(Timestamp.format(start.addingTimeInterval(-86_400))),
                "to": .string(Timestamp.format(start.addingTimeInterval(86_400))),
            ]
            #expect(try await server.call("report.summary", period, key: key)["error"]?["code"] == -32003)
            let report = try await server.result("report.summary", period, key: leader)
            #expect(report.int("received") == 3)
            #expect(report.int("closed") == 2)
            #expect(report.int("withdrawn") == 1)
            #expect(report["withdrawnRate"] == 0.5)
            #expect(report["medianHoursToFirstContact"] == 16)
            #expect(abs((report["firstContactWithinDeadlineRate"]?.numberValue ?? 0) - 1.0 / 3) < 1e-9)
            // Closed after 2 and 30 hours; the third, open, counts at its age of 30 hours.
            #expect(report["medianDaysToClose"] == 1.25)
            #expect(report.int("escalated") == 1)
            #expect(report["satisfaction"] == ["responses": 2, "average": 3])

            let empty = try await server.result(
                "report.summary",
                [
                    "from": .string(Timestamp.format(start.addingTimeInterval(-10 * 86_400))),
                    "to": .string(Timestamp.format(start.addingTimeInterval(-9 * 86_400))),
                ], key: leader)
            #expect(empty.int("received") == 0)
            #expect(empty["withdrawnRate"] == .null)
            #expect(empty["satisfaction"]?["average"] == .null)
            let backwards = try await server.call("report.summary", ["from": period["to"]!, "to": period["from"]!], key: leader)
            #expect(backwards["error"]?["data"]?["field"] == "to")
        }
    }
}
