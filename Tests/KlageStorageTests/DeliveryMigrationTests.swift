import Foundation
import KlageDelivery
import KlageKernel
import KlageStorage
import KlageTestSupport
import Testing

/// Migration 17 moves every row of the plug-in hooks' outbox and of the webhooks' deliveries into the
/// one table of deliveries, in its shared words for their states, and retires the old tables; on both
/// engines. A moved pending delivery is still due, and a moved failed one can still be retried.
@Suite struct DeliveryMigrationTests {
    @Test(arguments: StorageBackend.available)
    func everyOutboxAndWebhookDeliveryMovesIntoTheOneTable(_ backend: StorageBackend) async throws {
        // The rows are written by today's code, which writes the events' trace (migration 25) too.
        let store = try await openStore(try backend.freshDatabaseURL(), migrations: Schema.migrations.filter { $0.id < 17 || $0.id == 25 })
        do {
            try await Self.migrate(store)
            await store.driver.close()
        } catch {
            await store.driver.close()
            throw error
        }
    }

    static func migrate(_ store: SQLKlageStore) async throws {
        // Inserted as a row: before migration 18 there is no host audit chain for `insertTenant` to append to.
        _ = try await store.driver.write(tenant: nil) { connection in try connection.execute(try .insert(Fixtures.tenant())) }
        let t0 = Fixtures.monday
        let events = ["e1", "e2", "e3", "e4"].map {
            DomainEvent(id: EventID($0), tenant: "kobenhavn", at: t0, type: "contact.recorded", actor: "test", summary: "Test")
        }
        try await store.appendEvents(events, tenant: "kobenhavn")
        _ = try await store.driver.write(tenant: nil) { connection in
            for (event, state, done) in [("e1", "pending", #"["a"]"#), ("e2", "done", #"["a","b"]"#), ("e3", "dead", "[]")] {
                try connection.execute(
                    """
                    INSERT INTO outbox (tenant_id, event_id, event_type, state, done_hooks, attempts, next_attempt_at, last_error, created_at, updated_at)
                    VALUES ('kobenhavn', \(event), 'contact.recorded', \(state), \(done), 2, \(t0), \("b: failed"), \(t0), \(t0))
                    """)
            }
            for (event, state, position) in [("e3", "delivered", 3), ("e4", "failed", 4)] {
                try connection.execute(
                    """
                    INSERT INTO webhook_deliveries (tenant_id, webhook_id, event_id, event_type, feed_position, state, attempts,
                        next_attempt_at, last_error, created_at, updated_at)
                    VALUES ('kobenhavn', 'hook-1', \(event), 'contact.recorded', \(position), \(state), 11, \(t0), \("HTTP 500"), \(t0), \(t0))
                    """)
            }
        }
        #expect(try await Migrator(migrations: Schema.migrations.filter { $0.id <= 17 || $0.id == 25 }).migrate(store.driver) == [17])

        let hooks = try await store.deliveries(DeliveryQuery(channel: HookChannel.name, tenant: "kobenhavn"))
        #expect(hooks.map(\.eventId) == ["e1", "e2", "e3"])
        #expect(hooks.map(\.state) == [.pending, .delivered, .failed])
        #expect(hooks.map(\.done) == [["a"], ["a", "b"], []])
        #expect(hooks.allSatisfy { $0.attempts == 2 && $0.lastError == "b: failed" && $0.target.isEmpty && $0.position == 0 })
        let webhooks = try await store.deliveries(DeliveryQuery(channel: WebhookChannel.name, tenant: "kobenhavn", target: "hook-1"))
        #expect(webhooks.map(\.eventId) == ["e3", "e4"])
        #expect(webhooks.map(\.state) == [.delivered, .failed])
        #expect(webhooks.map(\.position) == [3, 4])

        let due = try await store.dueDeliveries(tenant: "kobenhavn", channel: HookChannel.name, at: t0, limit: 10)
        #expect(due.map(\.event.id) == ["e1"], "a pending outbox row is still due, with its event")
        let failed = DeliveryQuery(channel: WebhookChannel.name, tenant: "kobenhavn", target: "hook-1", state: .failed)
        #expect(try await store.retryDeliveries(failed, at: t0) == 1)

        let retired: Set<String> = ["outbox", "webhook_deliveries"]
        let listing: SQL =
            store.driver.dialect == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
        let tables = Set(try await store.driver.read(tenant: nil) { try $0.query(listing).map { try $0.string("name") } })
        #expect(tables.isDisjoint(with: retired))
        #expect(tables.contains("deliveries"))
    }
}
