import Foundation
import KlageDelivery
import KlageKernel
import KlageServer
import KlageTestSupport
import Synchronization
import Testing

/// The live stream's shared poll, on every engine: one read of a tenant's feed per interval however
/// many subscribe, type filters applied in memory, a late subscriber caught up once, and a subscriber
/// that reads nothing dropped without holding back the others.
@Suite struct TenantEventHubTests {
    /// How far the twenty subscribers have got: sockets answered, and whether the event was created.
    final class Progress: Sendable {
        let subscribed = Atomic<Int>(0)
        let created = Atomic<Bool>(false)
    }

    @Test(arguments: StorageBackend.available)
    func twentySubscribersOfATenantShareOneReadPerInterval(_ backend: StorageBackend) async throws {
        // No idle close while a loaded machine stretches the waits below: this test is about reads.
        try await withTestServer(backend, configure: integrationSettings { $0.socketIdleSeconds = 600 }) { server in
            let key = try await server.key("kobenhavn", .integration)
            let caseworker = try await server.key("kobenhavn", .caseworker)
            let hub = server.host.integrations.stream
            let interval = server.host.configuration.integrations.streamIntervalSeconds
            let progress = Progress()
            async let all = withEventSocket(port: server.port, key: key) { send, transcript in
                for id in 1...10 { try await send(["jsonrpc": "2.0", "id": .number(Double(id)), "method": "event.subscribe"]) }
                #expect(await transcript.wait { $0.answer(10) != nil })
                progress.subscribed.add(1, ordering: .relaxed)
                #expect(await transcript.wait { Set($0.all.compactMap { $0["params"]?.string("subscription") }).count == 10 })
            }
            async let none = withEventSocket(port: server.port, key: key) { send, transcript in
                for id in 1...10 {
                    try await send(["jsonrpc": "2.0", "id": .number(Double(id)), "method": "event.subscribe", "params": ["types": ["no.such.type"]]])
                }
                #expect(await transcript.wait { $0.answer(10) != nil })
                progress.subscribed.add(1, ordering: .relaxed)
                while !progress.created.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(20)) }
                try await Task.sleep(for: .seconds(1))
                #expect(transcript.events.isEmpty)
            }
            // Once all twenty have subscribed (however loaded the machine), count the reads over two seconds.
            let ready = ContinuousClock.now + .seconds(30)
            while progress.subscribed.load(ordering: .relaxed) < 2, ContinuousClock.now < ready { try await Task.sleep(for: .milliseconds(20)) }
            #expect(hub.tenantsPolled == 1)
            let before = hub.feedReads
            try await Task.sleep(for: .seconds(2))
            let reads = hub.feedReads - before
            let perInterval = 2 / interval
            print("TenantEventHubTests: \(reads) reads in 2 s for 20 subscribers (one per interval would be \(perInterval))")
            #expect(reads <= Int(perInterval * 1.2) + 2)
            #expect(reads >= 1)
            #expect(hub.catchUpReads == 0)
            _ = try await server.result("complaint.create", Self.complaint(1), key: caseworker)
            progress.created.store(true, ordering: .relaxed)
            _ = try await all
            _ = try await none
            // The last subscriber gone, the tenant is no longer read.
            let deadline = ContinuousClock.now + .seconds(10)
            while hub.tenantsPolled > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(hub.tenantsPolled == 0)
            // A read that had begun before the last subscriber left may still land; none starts after it.
            try await Task.sleep(for: .seconds(1))
            let after = hub.feedReads
            try await Task.sleep(for: .seconds(1))
            #expect(hub.feedReads == after)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aLateSubscriberIsCaughtUpOnceAndThenJoinsTheSharedRead(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server in
            let key = try await server.key("kobenhavn", .integration)
            let caseworker = try await server.key("kobenhavn", .caseworker)
            let hub = server.host.integrations.stream
            try await withEventSocket(port: server.port, key: key) { send, transcript in
                try await send(["jsonrpc": "2.0", "id": 1, "method": "event.subscribe"])
                #expect(await transcript.wait { $0.answer(1) != nil })
                _ = try await server.result("complaint.create", Self.complaint(2), key: caseworker)
                #expect(await transcript.wait { !$0.events.isEmpty })
                try await Task.sleep(for: .milliseconds(300))
                let early = transcript.events.count
                // A second subscriber from the start of the feed gets the same events, once, and the next ones.
                try await send(["jsonrpc": "2.0", "id": 2, "method": "event.subscribe", "params": ["after": 0]])
                #expect(await transcript.wait { Self.events(of: "s2", in: $0).count >= early })
                _ = try await server.result("complaint.create", Self.complaint(3), key: caseworker)
                let total = try await server.result("event.list", ["after": 0], key: key)["events"]?.arrayValue?.count ?? 0
                #expect(total > early)
                #expect(await transcript.wait { Self.events(of: "s1", in: $0).count >= total })
                try await Task.sleep(for: .milliseconds(300))
                let first = Self.events(of: "s1", in: transcript).compactMap { $0.int("position") }
                let second = Self.events(of: "s2", in: transcript).compactMap { $0.int("position") }
                #expect(first == second)
                #expect(second == second.sorted() && Set(second).count == second.count)
                #expect(hub.catchUpReads == 1)
            }
        }
    }

    /// Params of a new complaint (its own `externalRef`, so each call creates one).
    static func complaint(_ number: Int) -> JSONValue {
        var params = Fixtures.copenhagenComplaint.objectValue ?? [:]
        params["externalRef"] = .string("ESDH-HUB-\(number)")
        return .object(params)
    }

    /// The events sent for subscription `name`.
    static func events(of name: String, in transcript: SocketTranscript) -> [JSONValue] {
        transcript.all.filter { $0["params"]?.string("subscription") == name }.compactMap { $0["params"]?["event"] }
    }

    @Test(arguments: StorageBackend.available)
    func aSubscriberThatReadsNothingIsDroppedAndTheOthersGoOn(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, configure: integrationSettings { $0.subscriberBufferEvents = 20 }) { server in
            let caseworker = try await server.key("kobenhavn", .caseworker)
            let hub = server.host.integrations.stream
            let head = try await server.host.integrations.feed.head(tenant: "kobenhavn")
            let reader = hub.subscribe(tenant: "kobenhavn", after: head, types: nil)
            let sleeper = hub.subscribe(tenant: "kobenhavn", after: head, types: nil)
            let received = Mutex<[Int]>([])
            let reading = Task {
                for await event in reader.events { received.withLock { $0.append(event.position) } }
            }
            // Complaints one at a time, each one's events taken by the reader before the next: the reader
            // never has more than a few waiting, the sleeper has them all.
            let integration = try await server.key("kobenhavn", .integration)
            var positions: [Int] = []
            for number in 0..<30 where positions.count <= 25 {
                _ = try await server.result("complaint.create", Self.complaint(number), key: caseworker)
                let page = try await server.result("event.list", ["after": .number(Double(head)), "limit": 1000], key: integration)
                positions = page["events"]?.arrayValue?.compactMap { $0.int("position") } ?? []
                let deadline = ContinuousClock.now + .seconds(20)
                while received.withLock({ $0.count }) < positions.count, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            #expect(positions.count > 20)
            #expect(received.withLock { $0 } == positions)
            #expect(sleeper.overflowed)
            #expect(!reader.overflowed)
            if sleeper.overflowed {
                var waiting = 0
                for await _ in sleeper.events { waiting += 1 }
                #expect(waiting == 20)
            }
            reader.cancel()
            await reading.value
        }
    }
}
