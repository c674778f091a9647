import Foundation
import KlageKernel
import KlageStorage
import KlageTestSupport
import Testing

/// Migration 24 makes the complaints stored before it searchable, on both engines, and the search keeps
/// up with later changes to a complaint's words.
@Suite struct ComplaintSearchMigrationTests {
    @Test(arguments: StorageBackend.available)
    func complaintsFromBeforeTheMigrationAreFound(_ backend: StorageBackend) async throws {
        // Every migration but the search's: today's code writes the rows (the events' trace of migration 25 too).
        let store = try await openStore(try backend.freshDatabaseURL(), migrations: Schema.migrations.filter { $0.id != 24 })
        do {
            try await Self.migrateAndSearch(store)
            await store.driver.close()
        } catch {
            await store.driver.close()
            throw error
        }
    }

    static func migrateAndSearch(_ store: SQLKlageStore) async throws {
        var builder = PluginRegistryBuilder()
        builder.register(TestPlugin())
        let env = Fixtures.environment(store, registry: try builder.build(), clock: FixedClock(Fixtures.monday))
        let tenant = Fixtures.tenant()
        try await store.insertTenant(tenant)
        let before = try await ComplaintService(env).create(Fixtures.draft(externalRef: "OLD-1"), in: tenant, by: Fixtures.caseworker(tenant.id))
        #expect(try await Migrator().migrate(store.driver) == [24])

        func found(_ words: String) async throws -> [ComplaintID] {
            var query = ComplaintQuery()
            query.search = try SearchText(words)
            return try await store.complaints(tenant: tenant.id, matching: query).items.map(\.id)
        }
        #expect(try await found("jens walker") == [before.id])
        let after = try await ComplaintService(env).create(Fixtures.draft(externalRef: "NEW-1"), in: tenant, by: Fixtures.caseworker(tenant.id))
        #expect(try await found("hansen").sorted() == [before.id, after.id].sorted())

        // A changed subject is searched as it now reads; the old words no longer find it.
        var changed = after
        changed.subject = "Bevilling af hjælpemiddel"
        changed.version += 1
        try await store.updateComplaint(changed, expectedVersion: after.version, events: [])
        #expect(try await found("bevilling") == [after.id])
        #expect(try await found("walker") == [before.id])
    }
}
