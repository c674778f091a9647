import Dispatch
import Foundation
import KlageDelivery
import KlageKernel
import KlageTestSupport
import Testing

@testable import KlageStorage

/// The event feed on every engine: a tenant's events in commit order, a cursor that goes on where it
/// stopped, type filters, tenant isolation, and no event skipped when a transaction commits late.
@Suite struct EventFeedTests {
    private func event(_ id: String, tenant: TenantID = "kobenhavn", type: EventType = "test.event") -> DomainEvent {
        DomainEvent(id: EventID(id), tenant: tenant, at: Fixtures.monday, type: type, actor: "test", summary: "Test")
    }

    @Test(arguments: StorageBackend.available)
    func theFeedListsATenantsEventsInOrderAfterACursor(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store in
            try await store.insertTenant(Fixtures.tenant("kobenhavn"))
            try await store.insertTenant(Fixtures.tenant("roskilde", plugins: ["roskilde"]))
            try await store.appendEvents([event("e1"), event("e2")], tenant: "kobenhavn")
            try await store.appendEvents([event("r1", tenant: "roskilde")], tenant: "roskilde")
            try await store.appendEvents([event("e3", type: "test.other")], tenant: "kobenhavn")

            let all = try await store.feed(tenant: "kobenhavn", after: 0, types: nil, limit: 10)
            #expect(all.events.map(\.event.id) == ["e1", "e2", "e3"])
            #expect(all.events.map(\.position) == all.events.map(\.position).sorted())
            #expect(all.next == all.events.last?.position)

            let second = try await store.feed(tenant: "kobenhavn", after: all.events[0].position, types: nil, limit: 1)
            #expect(second.events.map(\.event.id) == ["e2"])
            #expect(second.next == all.events[1].position)

            let filtered = try await store.feed(tenant: "kobenhavn", after: 0, types: ["test.other"], limit: 10)
            #expect(filtered.events.map(\.event.id) == ["e3"])
            let none = try await store.feed(tenant: "kobenhavn", after: 0, types: ["test.nothing"], limit: 10)
            #expect(none.events.isEmpty)
            #expect(none.next == all.next)  // a filter that matches nothing still moves the cursor to the head

            #expect(try await store.feed(tenant: "roskilde", after: 0, types: nil, limit: 10).events.map(\.event.id) == ["r1"])
            let end = try await store.feed(tenant: "kobenhavn", after: all.next, types: nil, limit: 10)
            #expect(end.events.isEmpty)
            #expect(end.next == all.next)
        }
    }

    /// One instance holds a transaction with an event open; a second instance writes an event after it
    /// and a reader reads the feed meanwhile. The reader's cursor must not pass the open transaction's
    /// event: once both commit, reading on from that cursor gives both, in commit order.
    @Test(arguments: StorageBackend.available)
    func aTransactionThatCommitsLateIsNotSkipped(_ backend: StorageBackend) async throws {
        let url = try backend.freshDatabaseURL()
        let first = try await openStore(url)
        let second = try await openStore(url)
        let gate = DispatchSemaphore(value: 0)
        do {
            try await first.insertTenant(Fixtures.tenant())
            try await first.appendEvents([event("e0")], tenant: "kobenhavn")
            let before = try await second.feed(tenant: "kobenhavn", after: 0, types: nil, limit: 10).next

            let entered = DispatchSemaphore(value: 0)
            let late = event("late")
            let holding = Task {
                try await first.driver.write(tenant: "kobenhavn") { connection in
                    try first.insert([late], on: connection)
                    entered.signal()
                    gate.wait()
                }
            }
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    entered.wait()
                    continuation.resume()
                }
            }
            let later = Task { try await second.appendEvents([event("later")], tenant: "kobenhavn") }
            try await Task.sleep(for: .milliseconds(300))
            let during = try await second.feed(tenant: "kobenhavn", after: before, types: nil, limit: 10)
            #expect(during.events.isEmpty)
            #expect(during.next == before)

            gate.signal()
            try await holding.value
            try await later.value
            let after = try await second.feed(tenant: "kobenhavn", after: during.next, types: nil, limit: 10)
            #expect(after.events.map(\.event.id) == ["late", "later"])
        } catch {
            gate.signal()
            await first.driver.close()
            await second.driver.close()
            throw error
        }
        await first.driver.close()
        await second.driver.close()
    }
}
