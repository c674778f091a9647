import ArgumentParser
import Foundation
import KlageKernel
import KlageRPC
import KlageServer

/// `klage key create`, `list`, `rotate` and `revoke`.
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Manage API keys.", subcommands: [Create.self, List.self, Rotate.self, Revoke.self])

    /// `klage key create --tenant ID --role ROLE [--label TEXT]` or `klage key create --operator`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key; the key is printed alone on the last line and never shown again."
        )
        @OptionGroup var options: GlobalOptions
        @Option(help: "The tenant the key belongs to.") var tenant: String?
        @Option(help: "The key's role: admin, leader, caseworker or integration.") var role: String?
        @Flag(name: .customLong("operator"), help: "Make a host operator key (manages tenants) instead.") var hostOperator = false
        @Option(help: "A label saying who or what uses the key.") var label: String?
        @Option(help: "Days until the key expires (default: never; at most 1830).") var expiresInDays: Int?

        func validate() throws {
            if let days = expiresInDays, !(1...1_830).contains(days) { throw ValidationError("--expires-in-days must be between 1 and 1830") }
            if hostOperator {
                guard tenant == nil, role == nil else { throw ValidationError("--operator takes neither --tenant nor --role") }
            } else {
                guard tenant != nil, let role else { throw ValidationError("give --tenant and --role, or --operator") }
                guard let parsed = Role(rawValue: role), parsed != .operator else {
                    throw ValidationError("--role must be one of: admin, leader, caseworker, integration")
                }
            }
        }

        func run() async throws {
            let host = try await options.openHost()
            let role = hostOperator ? Role.operator : Role(rawValue: self.role ?? "")!
            let label = self.label ?? (hostOperator ? "host operator" : "\(role.rawValue) key")
            do {
                let expiresAt = expiresInDays.map { Date().addingTimeInterval(TimeInterval($0) * 86_400) }
                let (key, secret) = try await host.services.keys.create(
                    tenant: tenant.map { TenantID($0) }, role: role, label: label, expiresAt: expiresAt, by: HostAuditEntry.commandLineActor)
                let expiry = key.expiresAt.map { ", expires \(KeyListing.text($0))" } ?? ""
                print("created \(role.rawValue) key \(key.id)\(tenant.map { " for tenant \($0)" } ?? "")\(expiry)")
                print(secret)
            } catch let error as KlageError {
                throw ValidationError(error.message)
            }
            await host.shutdown()
        }
    }
}
