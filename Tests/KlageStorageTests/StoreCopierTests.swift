import Foundation
import KlageKernel
import KlageTestSupport
import Testing

@testable import KlageStorage

/// `klage copy`: a host moves between engines without losing a row.
@Suite struct StoreCopierTests {
    /// Fills a store with two tenants' complaints, contacts, learning items and keys.
    func fill(_ store: SQLKlageStore, complaints count: Int) async throws {
        let registry = try {
            var builder = PluginRegistryBuilder()
            builder.register(TestPlugin())
            return try builder.build()
        }()
        let env = Fixtures.environment(store, registry: registry)
        let complaints = ComplaintService(env)
        for id in ["kobenhavn", "roskilde"] {
            let tenant = Fixtures.tenant(id)
            try await store.insertTenant(tenant)
            try await store.insertKey(
                APIKey(id: env.ids.next(), tenant: tenant.id, role: .caseworker, label: "k", hash: "hash-\(id)", createdAt: Fixtures.monday))
            for index in 0..<count {
                var draft = Fixtures.draft(externalRef: "\(id)-\(index)")
                draft.description = "Æblegrød \(index) — \"quoted\" 'text'\nwith a newline"
                let complaint = try await complaints.create(draft, in: tenant, by: Fixtures.caseworker(tenant.id))
                if index % 3 == 0 {
                    _ = try await complaints.recordContact(
                        NewContact(complaintId: complaint.id, kind: .phone, occurredAt: Date(), summary: "Call \(index)"), in: tenant,
                        by: Fixtures.caseworker(tenant.id))
                }
            }
            _ = try await LearningService(env).create(
                title: "Learned", insight: "Letters are unclear", complaintId: nil, department: nil, tags: ["a"], in: tenant,
                by: Fixtures.caseworker(tenant.id))
        }
    }

    @Test func aHostRoundTripsSQLiteToPostgresToSQLiteWithEqualChecksums() async throws {
        let backends = StorageBackend.available
        let middle = backends.contains(.postgres) ? StorageBackend.postgres : .sqlite
        let source = try await openStore(try StorageBackend.sqlite.freshDatabaseURL())
        let between = try await openStore(try middle.freshDatabaseURL())
        let back = try await openStore(try StorageBackend.sqlite.freshDatabaseURL())
        try await fill(source, complaints: 60)

        let there = try await StoreCopier().copy(from: source.driver, to: between.driver, tenant: nil)
        #expect(there.allSatisfy { $0.matches }, "\(there)")
        #expect(there.first { $0.table == "complaints" }?.targetRows == 120)
        let home = try await StoreCopier().copy(from: between.driver, to: back.driver, tenant: nil)
        #expect(home.allSatisfy { $0.matches }, "\(home)")
        #expect(there.map(\.sourceChecksum) == home.map(\.targetChecksum))

        // The copy is a working store, not just equal bytes.
        let tenant = try #require(try await back.tenant("roskilde"))
        #expect(try await back.complaints(tenant: tenant.id, matching: ComplaintQuery(limit: 500)).items.count == 60)

        // Copying again into a host that holds the rows is refused and changes nothing.
        await #expect(throws: StorageError.self) { try await StoreCopier().copy(from: source.driver, to: back.driver, tenant: nil) }
        for store in [source, between, back] { await store.driver.close() }
    }

    @Test(arguments: StorageBackend.available)
    func oneTenantMovesAlone(_ backend: StorageBackend) async throws {
        let source = try await openStore(try StorageBackend.sqlite.freshDatabaseURL())
        let target = try await openStore(try backend.freshDatabaseURL())
        try await fill(source, complaints: 10)
        let reports = try await StoreCopier().copy(from: source.driver, to: target.driver, tenant: "roskilde")
        #expect(reports.allSatisfy { $0.matches })
        #expect(try await target.allTenants().map(\.id) == ["roskilde"])
        #expect(reports.first { $0.table == "complaints" }?.targetRows == 10)
        for store in [source, target] { await store.driver.close() }
    }

    /// A table added by a migration is either copied or named as left behind: `klage copy` never drops one silently.
    @Test(arguments: StorageBackend.available)
    func everyTableOfTheSchemaIsCopiedOrNamedAsLeftBehind(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            let listing: SQL =
                store.driver.dialect == .sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
            let names = Set(try await store.driver.read(tenant: nil) { try $0.query(listing).map { try $0.string("name") } })
            let copied = Set(StoreCopier.tables.map(\.name))
            #expect(copied.isDisjoint(with: StoreCopier.notCopied))
            let expected = copied.union(StoreCopier.notCopied)
            #expect(names == (store.driver.dialect == .sqlite ? expected : expected.subtracting(StoreCopier.sqliteSearchIndex)))
        }
    }
}
