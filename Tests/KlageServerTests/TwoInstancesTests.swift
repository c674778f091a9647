import Foundation
import KlageDelivery
import KlageKernel
import KlageStorage
import KlageTestSupport
import Testing

/// Two real `klage serve` processes on one PostgreSQL database (``InstancePair``): both serve the same
/// data, every deadline is recorded once, every outbox delivery runs once, and a key revoked through
/// one is refused by the other within a second.
@Suite(.serialized, .enabled(if: StorageBackend.available.contains(.postgres), "needs KLAGE_TEST_POSTGRES_URL"))
struct TwoInstancesTests {
    @Test func bothServeTheSameComplaints() async throws {
        let pair = try await InstancePair.start(database: try StorageBackend.postgres.freshDatabaseURL())
        defer { pair.stop() }
        for (writer, reader) in [(pair.a, pair.b), (pair.b, pair.a)] {
            var params = Fixtures.copenhagenComplaint.objectValue ?? [:]
            params["externalRef"] = .string("written-on-\(writer.port)")
            let created = try await pair.call(writer, "complaint.create", .object(params), key: pair.caseworker)
            let id = try #require(created["result"]?.string("id"), "\(created)")
            let read = try await pair.call(reader, "complaint.get", ["id": .string(id)], key: pair.caseworker)
            #expect(read["result"]?.string("id") == id, "read through the other instance: \(read)")
            #expect(read["result"]?.string("externalRef") == "written-on-\(writer.port)")
        }
    }

    /// Three waves of complaints whose call-back deadline falls due at one moment each, created through
    /// both instances; both schedulers run every second, so both meet each wave.
    @Test func everyDeadlineIsRecordedOnce() async throws {
        let url = try StorageBackend.postgres.freshDatabaseURL()
        let pair = try await InstancePair.start(database: url)
        defer { pair.stop() }
        let first = Date().addingTimeInterval(20).rounded()
        var complaints: [String] = []
        for wave in 0..<3 {
            let due = first.addingTimeInterval(Double(wave) * 4)
            complaints += try await create(40, through: pair, prefix: "wave-\(wave)", receivedAt: due.addingTimeInterval(-24 * 3600))
        }
        #expect(complaints.count == 120)

        let store = try await openStore(url)
        let watched: Set<EventType> = [.deadlineWarned, .deadlineMissed, .deadlineEscalated]
        // One count a quarter of a second, not a read per complaint: the rest of the suite runs beside it.
        for _ in 0..<360 {
            let missed = try await store.driver.read(tenant: nil) { connection in
                try connection.queryFirst("SELECT COUNT(DISTINCT complaint_id) AS n FROM events WHERE type = \(EventType.deadlineMissed.rawValue)")?
                    .int("n") ?? 0
            }
            if missed >= complaints.count { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        // Both schedulers get a few more runs at the same complaints.
        try await Task.sleep(for: .seconds(3))
        for id in complaints {
            let events = try await store.events(of: ComplaintID(id), tenant: "kobenhavn")
                .filter { watched.contains($0.type) }.map { "\($0.type) \($0.data["deadline"]?.stringValue ?? "?")" }
            #expect(events.filter { $0 == "deadline.missed firstContact" }.count == 1, "complaint \(id): \(events)")
            #expect(events.filter { $0 == "deadline.escalated firstContact" }.count == 1, "complaint \(id): \(events)")
            #expect(Set(events).count == events.count, "complaint \(id) has a deadline event twice: \(events)")
        }
        await store.driver.close()
    }

    /// Forty hooked events whose outbox rows are made due again at one moment, three times, as if the
    /// process that stored them had died before their hooks; both dispatchers run every second.
    @Test func everyOutboxDeliveryRunsOnce() async throws {
        let url = try StorageBackend.postgres.freshDatabaseURL()
        let pair = try await InstancePair.start(database: url)
        defer { pair.stop() }
        let complaints = try await create(40, through: pair, prefix: "outbox")
        for (index, id) in complaints.enumerated() {
            let contact: JSONValue = [
                "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(Date())),
                "summary": "Called back and listened", "agreement": "Express delivery", "fields": OutboxCrashTests.triangle,
            ]
            let recorded = try await pair.call(index % 2 == 0 ? pair.a : pair.b, "contact.record", contact, key: pair.caseworker)
            #expect(recorded["result"] != nil, "\(recorded)")
        }
        let store = try await openStore(url)
        let hooks = { (state: DeliveryState) in DeliveryQuery(channel: HookChannel.name, tenant: "kobenhavn", state: state) }
        var settled: [Delivery] = []
        for _ in 0..<600 where settled.count < 40 {
            settled = try await store.deliveries(hooks(.delivered))
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(settled.count == 40, "one row per recorded contact, settled")
        let before = pair.dispatched(by: pair.a) + pair.dispatched(by: pair.b)

        let waves = 3
        for _ in 0..<waves {
            let due = Date().addingTimeInterval(2)
            let reset = try await store.driver.write(tenant: nil) { connection in
                try connection.execute(
                    "UPDATE deliveries SET state = \(DeliveryState.pending.rawValue), done_parts = \("[]"), attempts = 0, next_attempt_at = \(due)")
            }
            #expect(reset == 40)
            for _ in 0..<240 {
                try await Task.sleep(for: .milliseconds(250))
                if try await store.deliveries(hooks(.pending)).isEmpty { break }
            }
        }
        // Both dispatchers get a few more runs, then stop, so that their logs are complete.
        try await Task.sleep(for: .seconds(3))
        pair.a.stop()
        pair.b.stop()
        let done = try await store.deliveries(hooks(.delivered))
        #expect(done.count == 40)
        for row in done {
            #expect(row.done == ["borgerkontakt"] && row.attempts == 1, "event \(row.eventId): \(row.done), \(row.attempts) attempts")
        }
        await store.driver.close()
        let (byA, byB) = (pair.dispatched(by: pair.a), pair.dispatched(by: pair.b))
        #expect(byA + byB - before == 40 * waves, "deliveries run: \(byA) by A, \(byB) by B (\(before) before), for \(40 * waves) due")
    }

    /// The key works on both instances (so a cache, if any, holds it) until it is revoked through A; B
    /// refuses a request sent within a second of the revoke's answer.
    @Test func aKeyRevokedThroughOneIsRefusedByTheOtherWithinASecond() async throws {
        let pair = try await InstancePair.start(database: try StorageBackend.postgres.freshDatabaseURL())
        defer { pair.stop() }
        let created = try await pair.call(
            pair.a, "apiKey.create", ["tenant": "kobenhavn", "role": "caseworker", "label": "revoked in the test"], key: pair.hostOperator)
        let id = try #require(created["result"]?.string("id"), "\(created)")
        let key = try #require(created["result"]?.string("key"))
        for server in [pair.a, pair.b, pair.b, pair.a, pair.b] {
            #expect(try await pair.call(server, "complaint.list", key: key)["result"] != nil, "the new key works")
        }
        let revoked = try await pair.call(pair.a, "apiKey.revoke", ["id": .string(id)], key: pair.hostOperator)
        #expect(revoked["result"]?["revoked"] == true, "\(revoked)")
        let returned = ContinuousClock.now
        var refusedAfter: Duration?
        var sent = ContinuousClock.now - returned
        while refusedAfter == nil, sent <= .seconds(1) {
            let answer = try await pair.call(pair.b, "complaint.list", key: key)
            if answer["error"]?.int("code") == -32001 { refusedAfter = sent } else { try await Task.sleep(for: .milliseconds(20)) }
            sent = ContinuousClock.now - returned
        }
        #expect(refusedAfter != nil, "B still accepted the key a second after A revoked it")
        #expect(try await pair.call(pair.a, "complaint.list", key: key)["error"]?.int("code") == -32001)
    }

    /// Creates `count` Copenhagen complaints, alternately through A and B, eight at a time.
    private func create(_ count: Int, through pair: InstancePair, prefix: String, receivedAt: Date? = nil) async throws -> [String] {
        var ids: [String] = []
        for start in stride(from: 0, to: count, by: 8) {
            ids += try await withThrowingTaskGroup(of: String.self) { group in
                for index in start..<min(start + 8, count) {
                    group.addTask {
                        var params = Fixtures.copenhagenComplaint.objectValue ?? [:]
                        params["externalRef"] = .string("\(prefix)-\(index)")
                        if let receivedAt { params["receivedAt"] = .string(Timestamp.format(receivedAt)) }
                        let instance = index % 2 == 0 ? pair.a : pair.b
                        var created = try await pair.call(instance, "complaint.create", .object(params), key: pair.caseworker)
                        // As a client should (the contract's `retryable`): a loaded machine may answer "storage busy";
                        // the external reference makes the retry safe.
                        for _ in 0..<3 where created["error"]?["data"]?["retryable"] == true {
                            try await Task.sleep(for: .milliseconds(300))
                            created = try await pair.call(instance, "complaint.create", .object(params), key: pair.caseworker)
                        }
                        return try #require(created["result"]?.string("id"), "\(created)")
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        return ids
    }
}

extension Date {
    /// This moment without its fraction of a second.
    fileprivate func rounded() -> Date {
        Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down))
    }
}
