import ArgumentParser
import Foundation
import KlageKernel
import KlageRPC
import KlageServer

/// How `klage key` shows keys and times, and who the command line acts as.
enum KeyListing {
    /// The command line acts as a host operator, recorded on the host's audit chain as `cli`.
    static let actor = Principal(id: HostAuditEntry.commandLineActor, tenant: nil, role: .operator, label: "command line")

    /// A time as ISO 8601 in UTC.
    static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// One line per key: id, tenant, role, status, expiry, last use and label; never a secret or its hash.
    static func line(_ key: APIKey, now: Date) -> String {
        let status = key.revokedAt != nil ? "revoked" : key.isExpired(at: now) ? "expired" : "active"
        let overlap = key.previousValidUntil.flatMap { $0 > now ? " old-secret-until=\(text($0))" : nil } ?? ""
        return [
            key.id.rawValue, key.tenant?.rawValue ?? "(host)", key.role.rawValue, status,
            "expires=\(key.expiresAt.map(text) ?? "never")", "last-used=\(key.lastUsedAt.map(text) ?? "never")\(overlap)",
            key.label.replacingOccurrences(of: "\n", with: " "),
        ].joined(separator: "\t")
    }
}

extension KeyCommand {
    /// `klage key list [--tenant ID]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API keys (never their secrets), one per line, tab-separated.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this tenant's keys (default: every key).") var tenant: String?

        func run() async throws {
            let host = try await options.openHost()
            let keys: [APIKey]
            do {
                keys = try await host.services.keys.list(tenant: tenant.map { TenantID($0) }, by: KeyListing.actor)
            } catch {
                await host.shutdown()
                throw error
            }
            let now = Date()
            print(["id", "tenant", "role", "status", "expires", "last used", "label"].joined(separator: "\t"))
            for key in keys { print(KeyListing.line(key, now: now)) }
            await host.shutdown()
        }
    }

    /// `klage key rotate ID [--overlap-hours H]`.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a key a new secret, printed alone on the last line; the old one works for --overlap-hours more.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The key's id.") var id: String
        @Option(help: "Hours the old secret keeps working (0 to 720; default 24).") var overlapHours = 24

        func validate() throws {
            guard (0...720).contains(overlapHours) else { throw ValidationError("--overlap-hours must be between 0 and 720") }
        }

        func run() async throws {
            let host = try await options.openHost()
            do {
                let (key, secret) = try await host.services.keys.rotate(
                    APIKeyID(id), overlap: TimeInterval(overlapHours) * 3600, by: KeyListing.actor)
                print("rotated key \(key.id); the old secret works until \(key.previousValidUntil.map(KeyListing.text) ?? "now")")
                print(secret)
            } catch let error as KlageError {
                await host.shutdown()
                throw ValidationError(error.message)
            }
            await host.shutdown()
        }
    }

    /// `klage key revoke ID`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key; it stops working at once.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The key's id.") var id: String

        func run() async throws {
            let host = try await options.openHost()
            do {
                try await host.services.keys.revoke(APIKeyID(id), by: KeyListing.actor)
                print("revoked key \(id)")
            } catch let error as KlageError {
                await host.shutdown()
                throw ValidationError(error.message)
            }
            await host.shutdown()
        }
    }
}
