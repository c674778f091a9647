import Foundation
import KlageDelivery
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// Plug-in hooks run from their durable delivery: retried with back-off until they succeed, never again
/// once they have, dead after the last attempt until an operator retries; on every engine.
@Suite struct OutboxTests {
    static let tenants: [ServerConfiguration.TenantSeed] = [.init(id: "kobenhavn", name: "Københavns Kommune", plugins: ["borgerkontakt", "flaky"])]

    /// A server whose Copenhagen also enables the flaky plug-in; `body` gets it, a caseworker key and the clock.
    private func withFlakyServer(
        _ backend: StorageBackend, recorder: HookRecorder, _ body: @Sendable (TestServer, String, FixedClock) async throws -> Void
    ) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock, plugins: KlagePlugins.all + [FlakyHookPlugin(recorder: recorder)], tenants: Self.tenants) {
            server in
            try await body(server, try await server.key("kobenhavn", .caseworker), clock)
        }
    }

    /// Records a contact on a new complaint; returns the id of its `contact.recorded` event.
    private func recordContact(_ server: TestServer, key: String, clock: FixedClock, recorder: HookRecorder) async throws -> String {
        let id = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: key).string("id"))
        _ = try await server.result(
            "contact.record",
            ["complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())), "summary": "Called back"],
            key: key)
        return try #require(recorder.events.first)
    }

    private func delivery(_ server: TestServer, _ event: String, state: String) async throws -> JSONValue? {
        let items = try await server.result("outbox.list", ["state": .string(state), "tenant": "kobenhavn"], key: server.operatorKey)["items"]
        return items?.arrayValue?.first { $0.string("eventId") == event }
    }

    @Test(arguments: StorageBackend.available)
    func aHookThatFailsTransientlyIsRetriedWithBackOffAndSucceeds(_ backend: StorageBackend) async throws {
        let recorder = HookRecorder(failures: 2)
        try await withFlakyServer(backend, recorder: recorder) { server, key, clock in
            let event = try await recordContact(server, key: key, clock: clock, recorder: recorder)
            // Attempt 1, right after the commit, failed: the delivery waits, the steady hook is done.
            let pending = try #require(try await delivery(server, event, state: "pending"))
            #expect(pending.int("attempts") == 1)
            #expect(pending["doneHooks"] == ["borgerkontakt", "flaky"])
            #expect(pending.string("lastError")?.hasPrefix("flaky#2:") == true)
            #expect(await server.host.integrations.deliveries.dispatchDue() == 0, "not due before its back-off")

            clock.advance(by: 10)
            #expect(await server.host.integrations.deliveries.dispatchDue() == 1)
            #expect(try await delivery(server, event, state: "pending")?.int("attempts") == 2)
            clock.advance(by: DeliveryPolicy().retryDelay(after: 2))
            #expect(await server.host.integrations.deliveries.dispatchDue() == 1)

            let done = try #require(try await delivery(server, event, state: "done"))
            #expect(done.int("attempts") == 3)
            #expect(recorder.flakyRuns(event) == 3)
            #expect(recorder.flakySuccesses(event) == 1)
            #expect(recorder.steadyRuns(event) == 1, "a hook that succeeded is not run again while another is retried")
            // Each run created the event's mark; it is stored once.
            let marks = try await server.result("flaky.mark.list", key: key)["items"]?.arrayValue ?? []
            #expect(marks.map { $0.string("eventId") } == [event])
        }
    }

    @Test(arguments: StorageBackend.available)
    func aHookNeverRunsTwiceForOneEvent(_ backend: StorageBackend) async throws {
        let recorder = HookRecorder(failures: 0)
        try await withFlakyServer(backend, recorder: recorder) { server, key, clock in
            let event = try await recordContact(server, key: key, clock: clock, recorder: recorder)
            #expect(try await delivery(server, event, state: "done")?.int("attempts") == 1)
            clock.advance(by: 24 * 3600)
            #expect(await server.host.integrations.deliveries.dispatchDue() == 0)
            let retried = try await server.call("outbox.retry", ["tenant": "kobenhavn", "eventId": .string(event)], key: server.operatorKey)
            #expect(retried["error"]?["code"] == -32009)
            #expect(recorder.steadyRuns(event) == 1)
            #expect(recorder.flakyRuns(event) == 1)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aHookThatKeepsFailingIsDeadUntilAnOperatorRetriesIt(_ backend: StorageBackend) async throws {
        let recorder = HookRecorder(failures: 1_000)
        try await withFlakyServer(backend, recorder: recorder) { server, key, clock in
            let event = try await recordContact(server, key: key, clock: clock, recorder: recorder)
            let policy = DeliveryPolicy()
            for _ in 0...policy.maxAttempts {
                clock.advance(by: policy.maxDelay)
                await server.host.integrations.deliveries.dispatchDue()
            }
            let dead = try #require(try await delivery(server, event, state: "dead"))
            #expect(dead.int("attempts") == policy.maxAttempts)
            #expect(recorder.flakyRuns(event) == policy.maxAttempts)
            #expect(try await server.call("outbox.list", key: key)["error"]?["code"] == -32003, "operators only")

            recorder.setFailures(0)
            let retried = try await server.result("outbox.retry", ["tenant": "kobenhavn", "eventId": .string(event)], key: server.operatorKey)
            #expect(retried.string("state") == "done")
            #expect(recorder.flakySuccesses(event) == 1)
            #expect(recorder.steadyRuns(event) == 1)
        }
    }
}
