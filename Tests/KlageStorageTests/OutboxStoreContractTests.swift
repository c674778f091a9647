import Foundation
import KlageKernel
import KlageStorage
import KlageTestSupport
import Testing

/// The outbox on every engine: a hooked event is stored with its row, a delivery is taken once, and
/// attempts add up the hooks that succeeded.
@Suite struct OutboxStoreContractTests {
    static let hooked: EventType = "test.hooked"

    private func withOutboxStore(_ backend: StorageBackend, _ body: (SQLKlageStore) async throws -> Void) async throws {
        let plain = try await openStore(try backend.freshDatabaseURL())
        let store = SQLKlageStore(driver: plain.driver, outbox: OutboxRouting(hookedEvents: [Self.hooked], firstAttemptAfter: 10))
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

    @Test(arguments: StorageBackend.available)
    func aHookedEventIsStoredWithItsRowOnceAndTakenOnce(_ backend: StorageBackend) async throws {
        try await withOutboxStore(backend) { store in
            try await store.appendEvents([event("e1", Self.hooked), event("e2", "test.unhooked")], tenant: "kobenhavn")
            try await store.appendEvents([event("e1", Self.hooked)], tenant: "kobenhavn")  // a hook's second run: kept once
            #expect(try await store.dueDeliveries(tenant: "kobenhavn", at: Fixtures.monday.addingTimeInterval(9), limit: 10).isEmpty)
            let due = try await store.dueDeliveries(tenant: "kobenhavn", at: Fixtures.monday.addingTimeInterval(10), limit: 10)
            #expect(due.map(\.event.id) == ["e1"])
            #expect(try await store.delivery(of: "e2", tenant: "kobenhavn") == nil)
            #expect(try await store.dueDeliveries(tenant: "other", at: Fixtures.monday.addingTimeInterval(10), limit: 10).isEmpty)

            let delivery = try #require(due.first?.delivery)
            let later = Fixtures.monday.addingTimeInterval(20)
            #expect(try await store.claimDelivery(delivery, retryAt: later, at: Fixtures.monday))
            #expect(try await store.claimDelivery(delivery, retryAt: later, at: Fixtures.monday) == false, "taken once")

            try await store.recordAttempt(
                of: "e1", tenant: "kobenhavn", succeeded: ["a"], state: .pending, attempts: 1, nextAttemptAt: later, error: "b: failed",
                at: Fixtures.monday)
            try await store.recordAttempt(
                of: "e1", tenant: "kobenhavn", succeeded: ["b", "a"], state: .done, attempts: 2, nextAttemptAt: later, error: nil,
                at: Fixtures.monday)
            let done = try #require(try await store.delivery(of: "e1", tenant: "kobenhavn")?.delivery)
            #expect(done.state == .done)
            #expect(done.doneHooks == ["a", "b"])
            #expect(done.attempts == 2)
            #expect(done.lastError == "b: failed")
            #expect(try await store.deliveries(state: .done, tenant: nil, limit: 10, after: nil).map(\.eventId) == ["e1"])
            #expect(try await store.retryDelivery(of: "e1", tenant: "kobenhavn", at: later) == false, "a done delivery is not run again")
        }
    }
}
