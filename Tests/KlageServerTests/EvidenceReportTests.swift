import Foundation
import KlageKernel
import KlageRPC
import KlageReports
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// The evidence reports over a known data set with a fixed clock, on every engine: every figure,
/// whole and grouped, over time, before and after, exported; and the same figures whether they come
/// from stored day cells or straight from the complaints.
@Suite struct EvidenceReportTests {
    static let start = Fixtures.monday
    /// A period of whole days around the data set, and one with partial days at both edges.
    static let wholeDays: JSONValue = [
        "from": .string(Timestamp.format(Timestamp.parse("2026-11-23T23:00:00Z")!)),
        "to": .string(Timestamp.format(Timestamp.parse("2026-11-28T23:00:00Z")!)),
    ]
    static let partialDays: JSONValue = [
        "from": .string(Timestamp.format(start.addingTimeInterval(-3600))),
        "to": .string(Timestamp.format(start.addingTimeInterval(3 * 86_400 + 1800))),
    ]

    /// Six complaints, two contacts' and one effort entry's staff time, two hand-offs, two surveys,
    /// seven pulse answers, two learning items; the clock ends 42 hours after the first complaint.
    static func dataSet(_ server: TestServer, clock: FixedClock) async throws -> (leader: String, caseworker: String) {
        let key = try await server.key("kobenhavn", .caseworker)
        let leader = try await server.key("kobenhavn", .leader)
        func create(_ index: Int, department: String, track: String = "dissatisfaction") async throws -> String {
            var params = Fixtures.copenhagenComplaint.objectValue!
            params["externalRef"] = .string("evidence-\(index)")
            params["department"] = .string(department)
            params["track"] = .string(track)
            return try #require(try await server.result("complaint.create", .object(params), key: key).string("id"))
        }
        func call(_ id: String, minutes: Int?, reached: Bool = true) async throws {
            var params: [String: JSONValue] = [
                "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())), "summary": "Called",
                "reached": .bool(reached),
            ]
            if let minutes { params["durationMinutes"] = .number(Double(minutes)) }
            _ = try await server.result("contact.record", .object(params), key: key)
        }
        func act(_ id: String, _ action: String, version: Int, _ extra: [String: JSONValue] = [:]) async throws {
            var params: [String: JSONValue] = ["id": .string(id), "action": .string(action), "version": .number(Double(version))]
            params.merge(extra) { $1 }
            _ = try await server.result("complaint.act", .object(params), key: key)
        }
        let a = try await create(1, department: "Teknik")
        let b = try await create(2, department: "Teknik")
        let c = try await create(3, department: "Borgerservice", track: "appeal")
        let d = try await create(4, department: "Borgerservice")
        let e = try await create(5, department: "Teknik")
        let f = try await create(6, department: "Teknik")
        // A: called after 2 hours (20 minutes), 30 minutes of effort, withdrawn without a written answer.
        clock.advance(by: 2 * 3600)
        try await call(a, minutes: 20)
        _ = try await server.result("effort.record", ["complaintId": .string(a), "minutes": 30, "activity": "read the case"], key: key)
        try await act(a, "confirmContact", version: 2)
        try await act(a, "close", version: 3, ["outcome": "withdrawn", "fields": ["citizenConsent": true, "wantsWrittenAnswer": false]])
        // B: a failed attempt (5 minutes) at 2 hours; C, E and F called after 4 hours.
        try await call(b, minutes: 5, reached: false)
        clock.advance(by: 2 * 3600)
        for id in [c, e, f] { try await call(id, minutes: nil) }
        // The clock passes the call-back deadline: B and D are recorded as missed and escalated.
        clock.advance(by: 26 * 3600)
        try await server.host.services.complaints.checkDeadlines()
        // B: called late, after 30 hours (25 minutes), handed off twice, decided formally.
        try await call(b, minutes: 25)
        for (version, department) in [(3, "Borgerservice"), (4, "Teknik")] {
            _ = try await server.result(
                "complaint.assign", ["id": .string(b), "version": .number(Double(version)), "department": .string(department)], key: key)
        }
        try await act(b, "continueFormally", version: 5, ["note": "Formal"])
        try await act(b, "decide", version: 6, ["note": "Upheld", "outcome": "upheld"])
        // C: an appeal, forwarded to the appeals board.
        try await act(c, "continueFormally", version: 2, ["note": "Kept"])
        try await act(c, "decide", version: 3, ["note": "Kept", "outcome": "forwarded", "fields": ["forwardedTo": "Ankestyrelsen"]])
        for (id, score) in [(a, 5), (b, 2)] {
            let token = try await server.result("survey.issue", ["complaintId": .string(id)], key: key).string("token") ?? ""
            _ = try await server.result("survey.submit", ["token": .string(token), "score": .number(Double(score))], key: nil)
        }
        for (department, score) in [
            ("Teknik", 4), ("Teknik", 4), ("Teknik", 5), ("Teknik", 3), ("Teknik", 4), ("Borgerservice", 3), ("Borgerservice", 5),
        ] {
            _ = try await server.result("pulse.submit", ["department": .string(department), "score": .number(Double(score))], key: key)
        }
        let routed = try await server.result(
            "learning.create", ["title": "Call back the same day", "insight": "Waiting makes it worse", "department": "Teknik"], key: key)
        _ = try await server.result("learning.create", ["title": "Letters are unclear", "insight": "Decision letters are misread."], key: key)
        let item = try #require(routed.string("id"))
        _ = try await server.result("learning.act", ["id": .string(item), "action": "accept", "version": 1], key: leader)
        clock.advance(by: 12 * 3600)
        _ = try await server.result("learning.act", ["id": .string(item), "action": "implement", "version": 2], key: leader)
        return (leader, key)
    }

    @Test(arguments: StorageBackend.available)
    func everyFigureOfAKnownDataSet(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.start)
        try await withTestServer(backend, clock: clock) { server throws in
            let (leader, caseworker) = try await Self.dataSet(server, clock: clock)
            #expect(try await server.call("report.figures", Self.wholeDays, key: caseworker)["error"]?["code"] == -32003)
            let whole = try #require(try await server.result("report.figures", Self.wholeDays, key: leader)["groups"]?.arrayValue?.first)
            #expect(whole["group"] == .null)
            #expect(whole["received"] == 6)
            #expect(whole["closed"] == 3)
            #expect(whole["withdrawn"] == 1)
            #expect(whole["stoppedByDialogue"]?["count"] == 1)
            // Shares of the six received, three of them still open.
            #expect(whole["stoppedByDialogue"]?["share"]?.numberValue == 1.0 / 6)
            #expect(whole["stoppedByDialogue"]?["openShare"] == 0.5)
            #expect(whole["continuedFormally"]?["count"] == 2)
            #expect(
                whole["appeals"] == ["received": 1, "forwarded": 1, "forwardedOfReceived": ["count": 1, "share": 1, "openShare": 0.5]])
            // Conversations after 2, 4, 4, 4 and 30 hours; D never: within 24 hours and the deadline 4 of 6.
            #expect(whole["firstContact"]?["medianHours"] == 4)
            #expect(whole["firstContact"]?["p90Hours"] == 30)
            #expect(whole["firstContact"]?["conversations"] == 5)
            #expect(whole["firstContact"]?["withinDeadline"]?["count"] == 4)
            #expect(whole["firstContact"]?["withinDeadline"]?["share"]?.numberValue == 4.0 / 6)
            #expect(whole["firstContact"]?["within24Hours"]?["count"] == 4)
            #expect(whole["firstContact"]?["failedCallAttemptsPerComplaint"]?.numberValue == 1.0 / 6)
            // Closed after 2 hours (A), 30 hours (B and C); D, E and F open at 42 hours count at their age.
            #expect(whole["daysToClose"] == ["median": 1.5, "p90": 1.75, "openShare": 0.5])
            // D, E and F are open, 42 hours old at the end.
            #expect(whole["backlog"] == ["open": 3, "medianAgeDays": 1.75, "p90AgeDays": 1.75])
            #expect(
                whole["staffTime"]
                    == ["totalMinutes": 80, "complaintsWithTime": 2, "recordedShare": .number(2.0 / 6), "minutesPerComplaint": .number(80.0 / 6)])
            #expect(whole["handoffsPerComplaint"]?.numberValue == 2.0 / 6)
            #expect(whole["writtenAnswer"] == ["asked": 1, "wanted": 0, "wantedShare": 0])
            #expect(whole["escalated"] == 2)
            #expect(
                whole["satisfaction"] == ["issued": 2, "answered": 2, "responseRate": 1, "mean": 3.5, "distribution": [0, 1, 0, 0, 1]])
            #expect(whole["staffSatisfaction"]?["answers"] == 7)
            #expect(whole["staffSatisfaction"]?["mean"]?.numberValue == 28.0 / 7)
            #expect(whole["learning"] == ["raised": 2, "routed": 1, "turnedIntoActions": 1, "actionsDone": 1, "medianDaysToDone": 0.5])

            let partial = try await server.result("report.figures", Self.partialDays, key: leader)["groups"]?.arrayValue?.first
            #expect(partial == whole, "stored day cells and figures computed from the complaints agree")

            var byDepartment = Self.wholeDays.objectValue!
            byDepartment["groupBy"] = "department"
            let departments = try await server.result("report.figures", .object(byDepartment), key: leader)["groups"]?.arrayValue ?? []
            #expect(departments.map { $0["group"] } == ["Borgerservice", "Teknik"])
            #expect(departments.map { $0["received"] } == [2, 4])
            #expect(departments[0]["staffSatisfaction"] == ["answers": 2, "suppressed": true, "mean": nil, "distribution": nil])
            #expect(departments[1]["staffSatisfaction"] == ["answers": 5, "suppressed": false, "mean": 4, "distribution": [0, 0, 1, 3, 1]])
            #expect(departments[1]["learning"]?["raised"] == 1)
            #expect(departments[1]["handoffsPerComplaint"] == 0.5)

            var byTrack = Self.wholeDays.objectValue!
            byTrack["groupBy"] = "track"
            let tracks = try await server.result("report.figures", .object(byTrack), key: leader)["groups"]?.arrayValue ?? []
            #expect(tracks.map { $0["group"] } == ["appeal", "dissatisfaction"])
            #expect(tracks.map { $0["received"] } == [1, 5])
            #expect(tracks[0]["appeals"]?["forwarded"] == 1)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aChangeAfterAReportIsInTheNextOne(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.start)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let leader = try await server.key("kobenhavn", .leader)
            let id = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key).string("id"))
            let before = try await server.result("report.figures", Self.wholeDays, key: leader)["groups"]?.arrayValue?.first
            #expect(before?["received"] == 1)
            #expect(before?["firstContact"]?["conversations"] == 0)
            clock.advance(by: 3600)
            _ = try await server.result(
                "contact.record",
                [
                    "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())), "summary": "Called",
                    "durationMinutes": .number(15),
                ],
                key: key)
            let refresher = server.host.services.reports
            #expect(try await refresher.refreshChangedDays(of: "kobenhavn") == 1, "the contact marked its complaint's day")
            #expect(try await refresher.refreshChangedDays(of: "kobenhavn") == 0)
            let after = try await server.result("report.figures", Self.wholeDays, key: leader)["groups"]?.arrayValue?.first
            #expect(after?["firstContact"]?["conversations"] == 1)
            #expect(after?["firstContact"]?["medianHours"] == 1)
            #expect(after?["staffTime"]?["totalMinutes"] == 15)
        }
    }

    @Test(arguments: StorageBackend.available)
    func seriesComparisonAndExportsWithoutPersonalData(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.start)
        try await withTestServer(backend, clock: clock) { server throws in
            let (leader, _) = try await Self.dataSet(server, clock: clock)
            var monthly = Self.wholeDays.objectValue!
            monthly["interval"] = "month"
            monthly["from"] = "2026-10-31T23:00:00Z"
            monthly["to"] = "2027-01-31T23:00:00Z"
            let periods = try await server.result("report.series", .object(monthly), key: leader)["periods"]?.arrayValue ?? []
            #expect(periods.map { $0["from"] } == ["2026-10-31T23:00:00Z", "2026-11-30T23:00:00Z", "2026-12-31T23:00:00Z"])
            #expect(periods.map { $0["figures"]?["received"] } == [6, 0, 0])

            try await server.host.store.saveBaseline(
                Baseline(
                    tenant: "kobenhavn", department: nil, from: Timestamp.parse("2025-01-01T00:00:00Z")!,
                    to: Timestamp.parse("2026-01-01T00:00:00Z")!, received: 52, appealsForwarded: 9, medianDaysToClose: 21,
                    satisfactionMean: 2.9, source: "ESDH 2025", updatedAt: Self.start))
            // Adopted 27.5 hours before the clock's end: equal windows of 27.5 hours on each side.
            let compared = try await server.result("report.compare", ["adoptedOn": "2026-11-26T00:00:00Z", "months": 1], key: leader)
            #expect(compared["before"]?["from"] == "2026-11-24T20:30:00Z")
            #expect(compared["before"]?["figures"]?["received"] == 6)
            #expect(compared["before"]?["months"] == compared["after"]?["months"])
            #expect(compared["after"]?["figures"]?["received"] == 0)
            #expect(compared["baselines"]?.arrayValue?.first?["received"] == 52)
            let noDate = try await server.call("report.compare", [:], key: leader)
            #expect(noDate["error"]?["data"]?["field"] == "adoptedOn")
            _ = try await server.result(
                "tenant.create",
                [
                    "id": "furesoe", "name": "Furesø Kommune", "plugins": ["borgerkontakt"],
                    "settings": ["methodAdoption": ["*": "2025-01-01", "Teknik": "2026-11-01"]],
                ], key: server.operatorKey)
            let furesoe = try await server.key("furesoe", .leader)
            #expect(try await server.result("report.compare", ["months": 1], key: furesoe)["adoptedOn"] == "2024-12-31T23:00:00Z")
            let teknik = try await server.result("report.compare", ["department": "Teknik"], key: furesoe)
            #expect(teknik["adoptedOn"] == "2026-10-31T23:00:00Z", "a department's own adoption date comes first")

            var export = Self.wholeDays.objectValue!
            export["report"] = "figures"
            var texts: [String] = []
            for (format, groupBy) in [("csv", "none"), ("csv", "department"), ("json", "department"), ("json", "none")] {
                export["format"] = .string(format)
                export["groupBy"] = .string(groupBy)
                let file = try await server.result("report.export", .object(export), key: leader)
                let body = try JSONEncoder().encode(file["body"])
                texts.append(file["body"]?.stringValue ?? String(decoding: body, as: UTF8.self))
            }
            export["report"] = "series"
            export["interval"] = "week"
            export["format"] = "csv"
            texts.append(try await server.result("report.export", .object(export), key: leader)["body"]?.stringValue ?? "")
            export["dialect"] = "excel-da"
            let danish = try await server.result("report.export", .object(export), key: leader)["body"]?.stringValue ?? ""
            #expect(danish.hasPrefix("\u{FEFF}from;to;suppressed;"), "Danish Excel's dialect: a byte-order mark and ';'")
            export["dialect"] = "excel"
            #expect(try await server.call("report.export", .object(export), key: leader)["error"] != nil, "an unknown dialect is refused")
            export["dialect"] = nil
            let csv = texts[0].components(separatedBy: "\r\n")
            #expect(csv.count == 3)
            #expect(csv[0].hasPrefix("group,suppressed,appeals.forwarded,"))
            #expect(csv[1].hasPrefix(",false,1,"))
            #expect(texts[1].components(separatedBy: "\r\n")[1].hasPrefix("Borgerservice,true,,"), "a group under five is suppressed")
            for text in texts {
                for personal in ["Jens Hansen", "12345678", "+45"] { #expect(!text.contains(personal)) }
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func reportsAreForLeadersAndAdminsOfTheirOwnTenantOnly(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.start)
        try await withTestServer(backend, clock: clock) { server throws in
            _ = try await Self.dataSet(server, clock: clock)
            var export = Self.wholeDays.objectValue!
            export["report"] = "figures"
            export["format"] = "csv"
            for method in ["report.figures", "report.series", "report.compare", "report.export", "report.summary"] {
                for role in [Role.caseworker, .integration] {
                    let answer = try await server.call(method, .object(export), key: try await server.key("kobenhavn", role))
                    #expect(answer["error"]?["code"] == -32003, "\(method) refuses \(role)")
                }
            }
            let admin = try await server.key("kobenhavn", .admin)
            #expect(try await server.result("report.figures", Self.wholeDays, key: admin)["groups"]?.arrayValue?.first?["received"] == 6)
            let other = try await server.key("roskilde", .leader)
            let theirs = try await server.result("report.figures", Self.wholeDays, key: other)["groups"]?.arrayValue?.first
            #expect(theirs?["received"] == 0)
            #expect(theirs?["staffSatisfaction"]?["answers"] == 0)
            #expect(theirs?["learning"]?["raised"] == 0)
        }
    }

    /// One contract: both engines compute the same figures from the same data.
    @Test func bothEnginesComputeTheSameFigures() async throws {
        guard StorageBackend.available.count > 1 else { return }
        var answers: [JSONValue] = []
        for backend in StorageBackend.available {
            let clock = FixedClock(Self.start)
            answers.append(
                try await withTestServer(backend, clock: clock) { server throws in
                    let (leader, _) = try await Self.dataSet(server, clock: clock)
                    var grouped = Self.wholeDays.objectValue!
                    grouped["groupBy"] = "department"
                    return try await server.result("report.figures", .object(grouped), key: leader)
                })
        }
        #expect(answers.allSatisfy { $0 == answers[0] })
    }
}
