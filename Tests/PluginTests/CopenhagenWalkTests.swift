import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// Copenhagen, Styrket Borgerkontakt: complaint -> call within the deadline along the triangle -> withdrawn.
@Suite struct CopenhagenWalkTests {
    static let triangle: JSONValue = [
        "introduction": ["purposeStated": true, "acceptance": true],
        "listening": [
            "interests": "A walker before the weekend", "summary": "The delay is the problem, not the decision",
            "options": ["loan a walker", "express delivery"],
        ],
        "agreement": [
            "tasks": [
                ["who": "Caseworker", "what": "Order express delivery", "due": "2026-11-27T12:00:00Z"],
                ["who": "Citizen", "what": "Call if it has not arrived", "due": "2026-11-28T12:00:00Z", "byCitizen": true],
            ],
            "furtherQuestions": true, "thanked": true,
        ],
    ]

    @Test(arguments: StorageBackend.available)
    func aComplaintIsCalledBackAlongTheTriangleAndWithdrawn(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let created = try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key)
            let id = try #require(created.string("id"))

            clock.advance(by: 2 * 3600)
            // A failed attempt is recorded but does not stop the call-back clock.
            _ = try await server.result(
                "contact.record",
                [
                    "complaintId": .string(id), "kind": "phone", "reached": false, "occurredAt": .string(Timestamp.format(clock.now())),
                    "summary": "No answer; left a message",
                ], key: key)
            #expect(try await server.result("complaint.get", ["id": .string(id)], key: key)["deadlines"]?.arrayValue?.first?["metAt"] == nil)

            clock.advance(by: 3600)
            let badSide = try await server.call(
                "contact.record",
                [
                    "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())),
                    "summary": "Called back", "fields": ["introduction": ["purposeStated": true]],
                ], key: key)
            #expect(badSide["error"]?["data"]?["field"] == "fields.introduction.acceptance")

            _ = try await server.result(
                "contact.record",
                [
                    "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())),
                    "summary": "Called back and listened", "agreement": "Express delivery; the citizen calls if it is late",
                    "fields": Self.triangle,
                ], key: key)
            let contacted = try await server.result("complaint.get", ["id": .string(id)], key: key)
            let callBack = try #require(contacted["deadlines"]?.arrayValue?.first)
            #expect(callBack["metAt"] == .string(Timestamp.format(clock.now())))
            #expect(callBack["missed"] == false)

            let tasks = try await server.result("borgerkontakt.task.list", ["complaintId": .string(id)], key: key)["items"]?.arrayValue ?? []
            #expect(tasks.map { $0.string("who") } == ["Caseworker", "Citizen"])
            let journey = try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []
            #expect(journey.contains { $0.string("type") == "borgerkontakt.section13Note" })

            // A learning item can be raised from any step.
            let learned = try await server.result(
                "learning.create",
                [
                    "title": "Delivery times are unclear", "insight": "Citizens are not told how long deliveries take.", "complaintId": .string(id),
                ], key: key)
            #expect(learned.string("complaintId") == id)

            let confirmed = try await server.result(
                "complaint.act", ["id": .string(id), "action": "confirmContact", "version": .number(Double(contacted.int("version") ?? 0))], key: key)
            let withdrawn = try await server.result(
                "complaint.act",
                [
                    "id": .string(id), "action": "close", "version": .number(Double(confirmed.int("version") ?? 0)),
                    "outcome": "withdrawn", "fields": ["citizenConsent": true], "note": "The citizen withdrew after the call",
                ], key: key)
            #expect(withdrawn.string("state") == "closed")
            #expect(withdrawn.string("outcome") == "withdrawn")
            // No written confirmation is owed by default: no law asks for one after closing by agreement.
            #expect(withdrawn["deadlines"]?.arrayValue?.contains { $0.string("name") == "writtenConfirmation" } == false)

            // The agreed tasks are tracked: the caseworker's done in time; the citizen's own, still open two
            // days after its date, is the citizen's to do, not staff overdue.
            _ = try await server.result("borgerkontakt.task.complete", ["id": .string(tasks[0].string("id") ?? "")], key: key)
            clock.advance(by: 3 * 86_400)
            let overdue = try await server.result("borgerkontakt.task.list", ["overdue": true], key: key)["items"]?.arrayValue ?? []
            #expect(overdue.isEmpty)
            let open = try await server.result("borgerkontakt.task.list", ["complaintId": .string(id)], key: key)["items"]?.arrayValue ?? []
            #expect(open.filter { $0.string("state") == "open" }.map { $0.string("who") } == ["Citizen"])
        }
    }

    @Test func aMissedCallBackShowsAsMissedAndOverdueAndIsEscalatedOnce() async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let id = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key).string("id"))
            clock.advance(by: 23 * 3600)  // Thursday 09:30 CET: past the warn point (6 of 8 working hours), before the due time
            #expect(try await server.host.services.complaints.checkDeadlines() == 1)
            #expect(try await server.result("complaint.list", ["overdue": true], key: key)["items"]?.arrayValue?.isEmpty == true)

            clock.advance(by: 2 * 3600)
            #expect(try await server.host.services.complaints.checkDeadlines() == 1)
            #expect(try await server.host.services.complaints.checkDeadlines() == 0, "recorded once")
            let overdue = try await server.result("complaint.list", ["overdue": true], key: key)["items"]?.arrayValue ?? []
            #expect(overdue.map { $0.string("id") } == [id])
            let leader = try await server.key("kobenhavn", .leader)
            #expect(try await server.result("complaint.list", ["escalated": true], key: leader)["items"]?.arrayValue?.map { $0.string("id") } == [id])
            let complaint = try await server.result("complaint.get", ["id": .string(id)], key: key)
            #expect(complaint["deadlines"]?.arrayValue?.first?["missed"] == true)
            #expect(complaint["escalatedAt"] != nil)
            let types = (try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []).compactMap {
                $0.string("type")
            }
            #expect(types.filter { $0 == "deadline.warned" }.count == 1)
            #expect(types.filter { $0 == "deadline.missed" }.count == 1)
            #expect(types.filter { $0 == "deadline.escalated" }.count == 1)
        }
    }

    @Test func pausedClocksAreNotOverdueAndResumeWithTheirTimeLeft() async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let id = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key).string("id"))
            clock.advance(by: 4 * 3600)
            let paused = try await server.result(
                "complaint.pause", ["id": .string(id), "version": 1, "reason": "Waiting for the citizen's documents"], key: key)
            #expect(paused["paused"] == true)
            clock.advance(by: 3 * 86_400)
            #expect(try await server.result("complaint.list", ["overdue": true], key: key)["items"]?.arrayValue?.isEmpty == true)
            let resumed = try await server.result("complaint.resume", ["id": .string(id), "version": 2], key: key)
            // Paused at 14:30 CET with 4 of the 8 working hours left; resumed on a Saturday, they run from Monday's opening.
            #expect(
                resumed["deadlines"]?.arrayValue?.first?.string("dueAt")
                    == Timestamp.format(DanishCalendar.standard.adding(workingHours: 4, to: clock.now())))
        }
    }

    @Test(arguments: StorageBackend.available)
    func severalInstancesCheckingDeadlinesTogetherRecordEachMissOnce(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        let url = try backend.freshDatabaseURL()
        try await withTestServer(databaseURL: url, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            var ids: [String] = []
            for index in 0..<10 {
                var params = Fixtures.copenhagenComplaint.objectValue!
                params["externalRef"] = .string("multi-\(index)")
                ids.append(try await server.result("complaint.create", .object(params), key: key).string("id") ?? "")
            }
            var configuration = ServerConfiguration()
            configuration.database = url
            let second = try await KlageHost.open(configuration, clock: clock)
            clock.advance(by: 25 * 3600)
            async let first = server.host.services.complaints.checkDeadlines()
            async let other = second.services.complaints.checkDeadlines()
            let (a, b) = try await (first, other)
            #expect(try await server.host.services.complaints.checkDeadlines() + second.services.complaints.checkDeadlines() == 0)
            #expect(a + b == 10, "each complaint changed by exactly one instance")
            for id in ids {
                let types = (try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []).compactMap {
                    $0.string("type")
                }
                #expect(types.filter { $0 == "deadline.missed" }.count == 1)
                #expect(types.filter { $0 == "deadline.warned" }.count == 1)
            }
            await second.shutdown()
        }
    }
}
