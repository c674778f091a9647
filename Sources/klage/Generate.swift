import ArgumentParser
import Foundation
import KlageKernel
import KlageRPC
import KlageServer

/// `klage generate`: fills a tenant with synthetic complaints, for demos and benchmarks.
struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create synthetic complaints (with a contact on every third) in a tenant, for demos and benchmarks."
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant to fill.") var tenant: String = "kobenhavn"
    @Option(help: "The workflow of the complaints.") var workflow: String = "borgerkontakt.dialogue"
    @Option(help: "How many complaints.") var complaints: Int = 1_000

    func validate() throws {
        guard (1...1_000_000).contains(complaints) else { throw ValidationError("--complaints must be between 1 and 1,000,000") }
    }

    func run() async throws {
        let host = try await options.openHost()
        let tenant = try await host.services.tenants.get(TenantID(self.tenant))
        let actor = Principal(id: "generator", tenant: tenant.id, role: .caseworker, label: "klage generate")
        let started = ContinuousClock.now
        for index in 0..<complaints {
            let complaint = try await host.services.complaints.create(
                NewComplaint(
                    workflow: WorkflowID(workflow), channel: Channel.allCases[index % Channel.allCases.count],
                    subject: "Synthetic complaint \(index)", description: "Generated for a demo or a benchmark.",
                    citizen: Citizen(name: "Test Person \(index)"), externalRef: "generated-\(index)"
                ), in: tenant, by: actor)
            if index % 3 == 0 {
                _ = try await host.services.complaints.recordContact(
                    NewContact(complaintId: complaint.id, kind: .phone, occurredAt: Date(), summary: "Called back"), in: tenant, by: actor)
            }
        }
        let seconds = Double((ContinuousClock.now - started).components.seconds)
        print("created \(complaints) complaints in \(tenant.id) in about \(Int(seconds)) s")
        await host.shutdown()
    }
}
