import ArgumentParser
import KlageKernel
import KlageRPC
import KlageServer

/// `klage tenant add|list`.
struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant", abstract: "Manage tenants (municipalities).", subcommands: [Add.self, List.self]
    )

    /// `klage tenant add ID --name NAME --plugin P [--plugin P …]`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a tenant.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The tenant id: lowercase letters, digits and '-'.") var id: String
        @Option(help: "The tenant's name, e.g. \"Roskilde Kommune\".") var name: String
        @Option(help: "A plug-in to enable; repeat for several.") var plugin: [String] = []

        func run() async throws {
            let host = try await options.openHost()
            let tenant = try await host.services.tenants.create(id: id, name: name, plugins: plugin, by: HostAuditEntry.commandLineActor)
            print("created tenant \(tenant.id) (\(tenant.plugins.joined(separator: ", ")))")
            await host.shutdown()
        }
    }

    /// `klage tenant list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tenants.")
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let host = try await options.openHost()
            for tenant in try await host.services.tenants.list() {
                print("\(tenant.id)\t\(tenant.name)\t\(tenant.plugins.joined(separator: ","))")
            }
            await host.shutdown()
        }
    }
}
