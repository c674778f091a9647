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

    /// The largest anchors file read: about 100,000 chains' heads.
    static let maximumAnchorsFileBytes = 16 << 20

    /// Reads an anchors file of ``Anchor``, by chain: its size checked first, then read by the strict
    /// parser like every other JSON from outside.
    static func anchors(from path: String?) throws -> [String: AuditAnchor] {
        guard let path else { return [:] }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else { throw ValidationError("cannot read \(path)") }
        guard size <= maximumAnchorsFileBytes else { throw ValidationError("\(path) is larger than 16 MiB: not a file of `klage audit anchor`") }
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
        let file: AuditAnchorFile
        do {
            file = try StrictJSON.decode(AuditAnchorFile.self, from: data)
        } catch {
            throw ValidationError("\(path) is not a file of `klage audit anchor`: \(error.reason)")
        }
        return Dictionary(file.anchors.map { ($0.chain, $0) }) { first, _ in first }
    }
}
