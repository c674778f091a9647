import ArgumentParser
import Foundation
import KlageKernel
import KlageRPC
import KlageServer

/// The anchors file of `klage audit anchor`: when it was exported, and the head of every chain.
struct AuditAnchorFile: Codable {
    let exportedAt: String
    let anchors: [AuditAnchor]
}

extension AuditCommand {
    /// `klage audit anchor`: prints the head of every audit chain as JSON, to keep outside the database.
    struct Anchor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the head of every audit chain (the host's and each tenant's) as JSON; keep it outside the database.",
            discussion:
                "Give the file to `klage audit verify --anchors FILE` (or its `anchors` to audit.verify) later: a chain rewritten and "
                + "rehashed since no longer has the anchored hash at the anchored seq.")
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let host = try await options.openHost()
            let anchors: [AuditAnchor]
            do {
                anchors = try await host.services.env.store.auditAnchors()
            } catch {
                await host.shutdown()
                throw error
            }
            await host.shutdown()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let exportedAt = ISO8601DateFormatter().string(from: Date())
            print(String(decoding: try encoder.encode(AuditAnchorFile(exportedAt: exportedAt, anchors: anchors)), as: UTF8.self))
        }
    }

    /// Reads an anchors file of ``Anchor``, by chain.
    static func anchors(from path: String?) throws -> [String: AuditAnchor] {
        guard let path else { return [:] }
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
        guard let file = try? JSONDecoder().decode(AuditAnchorFile.self, from: data) else {
            throw ValidationError("\(path) is not a file of `klage audit anchor`")
        }
        return Dictionary(file.anchors.map { ($0.chain, $0) }) { first, _ in first }
    }
}
