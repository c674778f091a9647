import Foundation
import KlageKernel
import KlageReports
import KlageTestSupport
import Testing

@testable import KlageStorage

/// Report cells are stored in the layout of their counters; a build with another layout drops them at
/// start-up, and they are computed again from the complaints.
@Suite struct DerivedLayoutTests {
    /// Stores one computed day for `tenant`: its cell and its mark.
    func storeADay(_ store: SQLKlageStore, tenant: TenantID) async throws {
        try await store.driver.write(tenant: nil) { connection in
            try connection.execute(
                """
                INSERT INTO report_cells (tenant_id, family, day, department, value, cell)
                VALUES (\(tenant), 'all', 20000, '', '', \(ReportCell().encoded))
                """)
            try connection.execute("INSERT INTO report_days (tenant_id, day, computed_at) VALUES (\(tenant), 20000, \(Date()))")
        }
    }

    func storedDays(_ store: SQLKlageStore) async throws -> (cells: Int, days: Int, layout: String?) {
        try await store.driver.read(tenant: nil) { connection in
            (
                try connection.query("SELECT day FROM report_cells").count, try connection.query("SELECT day FROM report_days").count,
                try connection.queryFirst("SELECT layout FROM klage_layouts WHERE name = 'report cells'")?.optionalString("layout")
            )
        }
    }

    @Test(arguments: StorageBackend.available)
    func cellsOfTheBuildsLayoutAreKeptAndOthersDroppedAtStartUp(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store in
            let tenant = Fixtures.tenant()
            try await store.insertTenant(tenant)
            try await storeADay(store, tenant: tenant.id)
            #expect(try await storedDays(store) == (1, 1, ReportCell.layout), "a new database records the build's layout")
            try await store.migrate()
            #expect(try await storedDays(store) == (1, 1, ReportCell.layout), "the same layout keeps the cells")

            // A build that adds a counter.
            var added = ReportCell.layout.split(separator: "|").map(String.init)
            added[0] += ",reopened"
            let next = DerivedLayout(name: "report cells", layout: added.joined(separator: "|"), dropping: DerivedLayout.reportCells.dropping)
            try await Migrator(derivedData: [next]).migrate(store.driver)
            #expect(try await storedDays(store) == (0, 0, next.layout), "every day is computed again")

            // Back to this build, whose counters differ from what is now recorded.
            try await storeADay(store, tenant: tenant.id)
            try await store.migrate()
            #expect(try await storedDays(store) == (0, 0, ReportCell.layout))
        }
    }

    @Test func theLayoutNamesEveryCounterInTheOrderACellStoresThem() {
        var cell = ReportCell()
        for counter in ReportCell.Counter.allCases { cell[counter] = 100 + counter.rawValue }
        let stored = cell.encoded.split(separator: "|", omittingEmptySubsequences: false)[0].split(separator: ",")
        #expect(stored == ReportCell.Counter.allCases.map { "\(100 + $0.rawValue)"[...] })
        #expect(ReportCell.layout.hasPrefix(ReportCell.Counter.allCases.map { "\($0)" }.joined(separator: ",") + "|"))
        #expect(ReportCell(encoded: cell.encoded) == cell)
    }
}
