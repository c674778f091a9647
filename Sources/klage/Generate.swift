import ArgumentParser
import Foundation
import KlageKernel
import KlageRPC
import KlageReports
import KlageServer

/// `klage generate`: fills a tenant with realistic demo data, written in bulk.
struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill a tenant with realistic demo complaints over years, before and after the method's adoption.",
        discussion: """
            Complaints are spread over departments, channels and both tracks, played through the tenant's own \
            workflows, with call attempts, conversations, letters, effort, surveys, learning items and staff pulses. \
            The same --seed makes the same data for the same tenant and day. Records are written in large \
            transactions (one per --batch complaints), not through the API.
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant to fill.") var tenant: String = "kobenhavn"
    @Option(help: "How many complaints (1 to 1,000,000).") var complaints: Int = 1_000
    @Option(help: "How many years back the complaints are spread over.") var years: Int = 2
    @Option(help: "The seed of the random numbers; the same seed makes the same data.") var seed: UInt64 = 1
    @Option(help: "Months after the start when the method was adopted; figures improve after it (default: half the period).")
    var adoptionAfterMonths: Int?
    @Option(help: "Complaints per transaction.") var batch: Int = 5_000

    func validate() throws {
        guard (1...1_000_000).contains(complaints) else { throw ValidationError("--complaints must be between 1 and 1,000,000") }
        guard (1...20).contains(years) else { throw ValidationError("--years must be between 1 and 20") }
        guard (1...50_000).contains(batch) else { throw ValidationError("--batch must be between 1 and 50,000") }
        if let months = adoptionAfterMonths, !(0...(years * 12)).contains(months) {
            throw ValidationError("--adoption-after-months must be between 0 and \(years * 12)")
        }
    }

    func run() async throws {
        let host = try await options.openHost()
        let tenant = try await host.services.tenants.get(TenantID(self.tenant))
        let demo = try DemoData(
            DemoData.Options(
                tenant: tenant, complaints: complaints, years: years, seed: seed, adoptionAfterMonths: adoptionAfterMonths, batchSize: batch),
            registry: host.registry)
        let started = ContinuousClock.now
        var rows = 0
        do {
            rows = try await DemoLoader(demo: demo, store: host.store).load { done in
                if done % 100_000 < batch || done == complaints { print("  \(done) complaints") }
            }
        } catch let error as KlageError where error.code == .conflict {
            await host.shutdown()
            throw ValidationError("tenant '\(tenant.id)' holds records with these ids already (same --seed on the same day?); try another --seed")
        }
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        let rate = Double(complaints) / max(seconds, 0.001)
        print(
            "created \(complaints) complaints (\(rows) rows) in \(tenant.id) from \(Timestamp.format(demo.start)) to \(Timestamp.format(demo.end)),"
                + " method adopted \(Timestamp.format(demo.adoption))")
        print(String(format: "%.1f s, %.0f complaints/s", seconds, rate))
        // The report figures of every day, computed now rather than on the first report.
        let materialising = ContinuousClock.now
        let days = try await host.services.reports.materialise(
            tenant: tenant.id, from: demo.start, to: demo.end.addingTimeInterval(86_400))
        print(String(format: "report figures of %d days computed in %.1f s", days, (ContinuousClock.now - materialising) / .seconds(1)))
        await host.shutdown()
    }
}
