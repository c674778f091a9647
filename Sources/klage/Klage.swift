import ArgumentParser
import KlageServer

/// The `klage` command: serve, migrate, tenant and key management.
@main
struct Klage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "klage",
        abstract: "Complaint handling for Danish municipalities, over JSON-RPC.",
        version: KlageHost.version,
        subcommands: [
            Serve.self, Migrate.self, TenantCommand.self, KeyCommand.self, Copy.self, Generate.self, Figures.self, AuditCommand.self, Backup.self,
            Restore.self,
        ]
    )
}
