import ArgumentParser
import Foundation
import KlageKernel
import KlageRPC
import KlageServer

/// `klage audit verify [--tenant T] [--anchors FILE]` and `klage audit anchor`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The tamper-evident audit trail.", subcommands: [Verify.self, Anchor.self])

    /// `klage audit verify`: checks the host's and the tenants' audit chains (against anchors exported
    /// earlier, when given); exits 1 naming the chain, seq and what is wrong when one is broken.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the host's audit chain and that of one tenant or of every tenant; exit 1 when one is broken.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this tenant (default: every tenant).") var tenant: String?
        @Option(help: "A file of `klage audit anchor`, exported earlier: each chain must still have the anchored hash.") var anchors: String?

        func run() async throws {
            let anchored = try AuditCommand.anchors(from: anchors)
            let host = try await options.openHost()
            var broken = false
            do {
                let hostChain = try await host.services.env.store.verifyHostAudit(anchor: anchored[AuditAnchor.hostChain])
                for problem in hostChain.problems {
                    FileHandle.standardError.write(Data("host seq \(problem.seq): \(problem.message)\n".utf8))
                }
                broken = !hostChain.intact
                print(
                    "host: \(hostChain.intact ? "intact" : "BROKEN"), \(hostChain.entries) entries, head seq \(hostChain.headSeq) hash \(hostChain.headHash)"
                )
                let tenants: [TenantID]
                if let tenant {
                    tenants = [try await host.services.tenants.get(TenantID(tenant)).id]
                } else {
                    tenants = try await host.services.tenants.list().map(\.id)
                }
                for tenant in tenants {
                    let result = try await host.services.env.store.verifyAudit(tenant: tenant, anchor: anchored[tenant.rawValue])
                    for problem in result.problems {
                        FileHandle.standardError.write(Data("tenant \(tenant) seq \(problem.seq): \(problem.message)\n".utf8))
                    }
                    broken = broken || !result.intact
                    print(
                        "\(tenant): \(result.intact ? "intact" : "BROKEN"), \(result.entries) entries, head seq \(result.headSeq) "
                            + "hash \(result.headHash), \(result.digestsChecked) digests checked")
                }
                let checked = Set(tenants.map(\.rawValue) + [AuditAnchor.hostChain])
                for chain in anchored.keys.sorted() where tenant == nil && !checked.contains(chain) {
                    FileHandle.standardError.write(Data("tenant \(chain): anchored, but its chain is not on this host\n".utf8))
                    broken = true
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
