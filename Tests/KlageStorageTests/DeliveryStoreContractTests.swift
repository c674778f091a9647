import Foundation
import KlageDelivery
import KlageKernel
import KlageStorage
import KlageTestSupport
import Testing

/// The one table of deliveries on every engine: a hooked event is stored with its hook delivery, a
/// webhook's deliveries are fanned out beside it, a delivery is taken once, an attempt's outcome is
/// recorded only by the one who took it, and lists and retries keep to their channel.
@Suite struct DeliveryStoreContractTests {
    static let hooked: EventType = "test.hooked"
    static let policy = DeliveryPolicy()

    private func withDeliveryStore(_ backend: StorageBackend, _ body: (SQLKlageStore) async throws -> Void) async throws {
        let plain = try await openStore(try backend.freshDatabaseURL())
        let store = SQLKlageStore(driver: plain.driver, hooks: HookRouting(hookedEvents: [Self.hooked], policy: Self.policy))
        do {
            try await store.insertTenant(Fixtures.tenant())
            try await body(store)
        } catch {
            await store.driver.close()
            throw error
        }
        await store.driver.close()
    }

    private func event(_ id: String, _ type: EventType) -> DomainEvent {
        DomainEvent(id: EventID(id), tenant: "kobenhavn", at: Fixtures.monday, type: type, actor: "test", summary: "Test")
    }

    private func hooks(_ event: EventID) -> DeliveryKey { DeliveryKey(channel: HookChannel.name, target: "", eventId: event) }

    /// `delivery` taken for its next attempt, as the ledger takes it.
    private func taken(_ delivery: Delivery, leaseUntil lease: Date) -> Delivery {
        var taken = delivery
        taken.attempts += 1
        taken.nextAttemptAt = lease
        return taken
    }

    @Test(arguments: StorageBackend.available)
    func aHookedEventIsStoredWithItsDeliveryOnceTakenOnceAndRecordedByItsTaker(_ backend: StorageBackend) async throws {
        try await withDeliveryStore(backend) { store in
            try await store.appendEvents([event("e1", Self.hooked), event("e2", "test.unhooked")], tenant: "kobenhavn")
            try await store.appendEvents([event("e1", Self.hooked)], tenant: "kobenhavn")  // a hook's second run: kept once
            let first = Fixtures.monday.addingTimeInterval(Self.policy.firstAttemptAfter)
            let written = try #require(try await store.delivery(hooks("e1"), tenant: "kobenhavn")?.delivery)
            #expect(written == .hooks(of: event("e1", Self.hooked), policy: Self.policy), "taken for the request's attempt 1")
            #expect(try await store.delivery(hooks("e2"), tenant: "kobenhavn") == nil)
            #expect(
                try await store.dueDeliveries(tenant: "kobenhavn", channel: HookChannel.name, at: first.addingTimeInterval(-1), limit: 10).isEmpty)
            #expect(try await store.tenantsWithDueDeliveries(channel: HookChannel.name, at: first) == ["kobenhavn"])
            #expect(try await store.tenantsWithDueDeliveries(channel: WebhookChannel.name, at: first).isEmpty)
            let due = try await store.dueDeliveries(tenant: "kobenhavn", channel: HookChannel.name, at: first, limit: 10)
            #expect(due.map(\.event.id) == ["e1"])
            #expect(try await store.dueDeliveries(tenant: "other", channel: HookChannel.name, at: first, limit: 10).isEmpty)

            let claim = taken(written, leaseUntil: first.addingTimeInterval(60))
            #expect(try await store.claimDeliveries([claim]) == [claim])
            #expect(try await store.claimDeliveries([claim]).isEmpty, "taken once")
            // The request's attempt 1 ends late, after the dispatcher took attempt 2: its outcome is not recorded.
            try await store.recordAttempts([Self.policy.settle(written, with: DeliveryAttempt(done: ["a"]), at: first)])
            try await store.recordAttempts([Self.policy.settle(claim, with: DeliveryAttempt(done: ["b"], error: "c: failed"), at: first)])
            let pending = try #require(try await store.delivery(hooks("e1"), tenant: "kobenhavn")?.delivery)
            #expect(pending.state == .pending && pending.done == ["b"] && pending.attempts == 2 && pending.lastError == "c: failed")

            let third = taken(pending, leaseUntil: first.addingTimeInterval(120))
            #expect(try await store.claimDeliveries([third]).count == 1)
            try await store.recordAttempts([Self.policy.settle(third, with: DeliveryAttempt(done: ["c"]), at: first)])
            let done = try #require(try await store.delivery(hooks("e1"), tenant: "kobenhavn")?.delivery)
            #expect(done.state == .delivered && done.done == ["b", "c"] && done.attempts == 3)
            #expect(done.lastError == "c: failed", "the last error says what failed before")
            let delivered = DeliveryQuery(channel: HookChannel.name, tenant: nil, state: .delivered)
            #expect(try await store.deliveries(delivered).map(\.eventId) == ["e1"])
            #expect(try await store.retryDeliveries(delivered, at: first) == 0, "a delivered delivery is not run again")
        }
    }

    @Test(arguments: StorageBackend.available)
    func webhookDeliveriesShareTheTableAndKeepToTheirChannel(_ backend: StorageBackend) async throws {
        try await withDeliveryStore(backend) { store in
            let webhook = Webhook(
                tenant: "kobenhavn", id: "hook-1", url: "https://example.org/hook", eventTypes: ["*"], description: nil, secret: "whsec_x",
                position: 0, createdAt: Fixtures.monday, createdBy: "test")
            _ = try await store.insertWebhook(webhook)
            try await store.appendEvents([event("e1", Self.hooked), event("e2", "test.other"), event("e3", "test.other")], tenant: "kobenhavn")
            #expect(try await store.fanOutWebhooks(tenant: "kobenhavn", at: Fixtures.monday, limit: 100) == 3)
            #expect(try await store.fanOutWebhooks(tenant: "kobenhavn", at: Fixtures.monday, limit: 100) == 0, "each event once")

            let webhooks = DeliveryQuery(channel: WebhookChannel.name, tenant: "kobenhavn", target: "hook-1", state: .pending, limit: 2)
            let firstPage = try await store.deliveries(webhooks)
            #expect(firstPage.map(\.eventId) == ["e1", "e2"])
            #expect(firstPage.map(\.position) == firstPage.map(\.position).sorted() && firstPage.allSatisfy { $0.position > 0 })
            var next = webhooks
            next.after = try DeliveryCursor.decode(DeliveryCursor(after: firstPage[1]).text)
            #expect(try await store.deliveries(next).map(\.eventId) == ["e3"])
            let due = try await store.dueDeliveries(tenant: "kobenhavn", channel: WebhookChannel.name, at: Fixtures.monday, limit: 10)
            #expect(due.map(\.delivery.target) == ["hook-1", "hook-1", "hook-1"])

            // Giving one up, then retrying the webhook's failed deliveries: the hook delivery of e1 is untouched.
            var failed = taken(due[0].delivery, leaseUntil: Fixtures.monday)
            #expect(try await store.claimDeliveries([failed]).count == 1)
            failed.state = .failed
            try await store.recordAttempts([failed])
            let retry = DeliveryQuery(channel: WebhookChannel.name, tenant: "kobenhavn", target: "hook-1", state: .failed)
            #expect(try await store.retryDeliveries(retry, at: Fixtures.monday) == 1)
            #expect(try await store.delivery(hooks("e1"), tenant: "kobenhavn")?.delivery.attempts == 1)
            #expect(try await store.deleteWebhook("hook-1", tenant: "kobenhavn"))
            #expect(try await store.deliveries(DeliveryQuery(channel: WebhookChannel.name, tenant: "kobenhavn")).isEmpty)
            #expect(try await store.deliveries(DeliveryQuery(channel: HookChannel.name, tenant: "kobenhavn")).count == 1)
        }
    }
}
