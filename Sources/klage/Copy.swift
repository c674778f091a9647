import ArgumentParser
import KlageKernel
import KlageServer
import KlageStorage

/// `klage copy --from URL --to URL [--tenant ID]`: moves a host, or one tenant, between engines.
struct Copy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy a whole host (or one tenant) between databases, e.g. SQLite to PostgreSQL, verified by counts and checksums.",
        discussion:
            "The target is migrated first and written in one transaction; it must not hold the copied rows yet. Stop the server writing to the source while copying."
    )

    @Option(help: "The source database URL.") var from: String
    @Option(help: "The target database URL.") var to: String
    @Option(help: "Copy only this tenant.") var tenant: String?

    func run() async throws {
        _ = GlobalOptions.bootstrapLogging(level: "warning")
        let limits = ServerLimits().forBulkWork
        let source = SQLKlageStore(driver: try await StorageFactory.open(try DatabaseURL(from), limits: limits))
        let target = SQLKlageStore(driver: try await StorageFactory.open(try DatabaseURL(to), limits: limits))
        try await source.migrate()
        try await target.migrate()
        let reports = try await StoreCopier().copy(from: source.driver, to: target.driver, tenant: tenant.map { TenantID($0) })
        for report in reports { print(report) }
        await source.driver.close()
        await target.driver.close()
        guard reports.allSatisfy(\.matches) else { throw ExitCode(2) }
        print("copied \(reports.map(\.targetRows).reduce(0, +)) rows; every table's count and checksum match")
    }
}
