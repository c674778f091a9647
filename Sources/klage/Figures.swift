import ArgumentParser
import Foundation
import KlageKernel
import KlageRPC
import KlageReports
import KlageServer

/// `klage figures`: computes the report figures of the last five years now, for one tenant or all,
/// instead of leaving it to the first reports or the background refresher (after an upgrade or a
/// bulk load).
struct Figures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the report figures of the last five years now (after an upgrade or a bulk load).")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Only this tenant (default: every tenant).") var tenant: String?

    func run() async throws {
        let host = try await options.openHost()
        let reports = host.services.reports
        let tenants: [Tenant]
        if let tenant {
            tenants = [try await host.services.tenants.get(TenantID(tenant))]
        } else {
            tenants = try await host.services.env.store.allTenants()
        }
        let now = Date()
        for tenant in tenants {
            let started = ContinuousClock.now
            let days = try await reports.materialise(tenant: tenant.id, from: now.addingTimeInterval(-ReportQuery.longestPeriod), to: now)
            let seconds = String(format: "%.1f", (ContinuousClock.now - started) / .seconds(1))
            print("\(tenant.id.rawValue): figures of \(days) days computed in \(seconds) s")
        }
        await host.shutdown()
    }
}
