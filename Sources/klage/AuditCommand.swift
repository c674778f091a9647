import ArgumentParser
import Foundation
import KlageKernel
import KlageRPC
import KlageServer

/// `klage audit verify [--tenant T]`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The tamper-evident audit trail.", subcommands: [Verify.self])

    /// `klage audit verify`: checks the audit chains; exits 1 naming tenant, seq and what is wrong when one is broken.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit chain of one tenant or of every tenant; exit 1 when one is broken.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this tenant (default: every tenant).") var tenant: String?

        func run() async throws {
            let host = try await options.openHost()
            var broken = false
            do {
                let tenants: [TenantID]
                if let tenant {
                    tenants = [try await host.services.tenants.get(TenantID(tenant)).id]
                } else {
                    tenants = try await host.services.tenants.list().map(\.id)
                }
                for tenant in tenants {
                    let result = try await host.services.env.store.verifyAudit(tenant: tenant)
                    for problem in result.problems {
                        FileHandle.standardError.write(Data("tenant \(tenant) seq \(problem.seq): \(problem.message)\n".utf8))
                    }
                    broken = broken || !result.intact
                    print(
                        "\(tenant): \(result.intact ? "intact" : "BROKEN"), \(result.entries) entries, head seq \(result.headSeq) "
                            + "hash \(result.headHash), \(result.digestsChecked) digests checked")
                }
            } catch {
                await host.shutdown()
                throw error
            }
            await host.shutdown()
            if broken { throw ExitCode(1) }
        }
    }
}
