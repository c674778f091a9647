import Foundation
import KlageKernel
import KlageStorage
import KlageTestSupport
import Testing

/// Migration 9 moves the access log into its compact tables without losing a read, on both engines,
/// and the compact log reads back one record per read, also for identical reads in one millisecond.
@Suite struct AccessLogMigrationTests {
    @Test(arguments: StorageBackend.available)
    func everyReadOfTheOldLogSurvivesTheMigration(_ backend: StorageBackend) async throws {
        let url = try backend.freshDatabaseURL()
        let store = try await openStore(url, migrations: Schema.migrations.filter { $0.id < 9 })
        do {
            try await Self.migrateAndRead(store)
            await store.driver.close()
        } catch {
            await store.driver.close()
            throw error
        }
    }

    static func migrateAndRead(_ store: SQLKlageStore) async throws {
        // Inserted as a row: before migration 18 there is no host audit chain for `insertTenant` to append to.
        _ = try await store.driver.write(tenant: nil) { connection in try connection.execute(try .insert(Fixtures.tenant())) }
        let t0 = Fixtures.monday
        let rows: [(String, String, String, Date, String)] = [
            ("c1", "key-a", "Anna", t0, "complaint.get"), ("c1", "key-a", "Anna", t0, "complaint.get"),
            ("c1", "key-b", "Bo", t0.addingTimeInterval(1), "complaint.list"), ("c2", "key-a", "Anna", t0, "complaint.journey"),
        ]
        for (index, row) in rows.enumerated() {
            _ = try await store.driver.write(tenant: nil) { connection in
                try connection.execute(
                    """
                    INSERT INTO access_log (tenant_id, complaint_id, seq, actor, actor_label, at, purpose)
                    VALUES ('kobenhavn', \(row.0), \("seq-\(index)"), \(row.1), \(row.2), \(row.3), \(row.4))
                    """)
            }
        }
        #expect(try await Migrator().migrate(store.driver).first == 9)
        let c1 = try await store.accessLog(of: "c1", tenant: "kobenhavn")
        #expect(c1.map(\.actorLabel) == ["Anna", "Anna", "Bo"])
        #expect(c1.map(\.purpose) == ["complaint.get", "complaint.get", "complaint.list"])
        #expect(try await store.accessLog(of: "c2", tenant: "kobenhavn").map(\.purpose) == ["complaint.journey"])

        let read = AccessRecord(tenant: "kobenhavn", complaintId: "c2", actor: "key-c", actorLabel: "Cai", at: t0, purpose: "privacy.export")
        try await store.recordAccess([read, read], tenant: "kobenhavn")
        #expect(try await store.accessLog(of: "c2", tenant: "kobenhavn").map(\.actorLabel) == ["Anna", "Cai", "Cai"])
    }
}
