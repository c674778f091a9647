import Foundation
import KlageKernel
import KlageTestSupport
import Testing

@testable import KlageStorage

/// The built `klage` command line: `key create --expires-in-days`, `key list` (never a secret), `key
/// rotate`, `key revoke`, and `audit anchor`, whose file `audit verify --anchors` later holds a chain
/// rewritten and rehashed in the database against.
@Suite struct KeyAndAnchorCommandTests {
    @Test(.enabled(if: KlageProcess.binary != nil, "needs the built klage executable"))
    func theCommandLineManagesKeysAndAnchorsTheChains() async throws {
        let binary = try #require(KlageProcess.binary)
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = "sqlite:" + folder.appendingPathComponent("klage.sqlite").path
        let run = { (arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) in
            try await ChildProcess.run(binary, arguments + ["--database", database], environment: ["PATH": "/usr/bin:/bin"], directory: folder.path)
        }
        #expect(try await run(["tenant", "add", "odense", "--name", "Odense Kommune", "--plugin", "borgerkontakt"]).status == 0)
        let created = try await run(["key", "create", "--tenant", "odense", "--role", "integration", "--label", "ERP", "--expires-in-days", "30"])
        #expect(created.status == 0 && created.stdout.contains("expires"))
        let secret = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        let id = try #require(created.stdout.split(separator: " ").dropFirst(3).first.map(String.init))
        #expect(try await run(["key", "create", "--tenant", "odense", "--role", "integration", "--expires-in-days", "0"]).status != 0)

        let listed = try await run(["key", "list"])
        #expect(listed.status == 0 && listed.stdout.contains(id) && listed.stdout.contains("active"))
        #expect(!listed.stdout.contains(secret) && !listed.stdout.contains(APIKeyHash.of(secret)))
        let rotated = try await run(["key", "rotate", id, "--overlap-hours", "1"])
        let newSecret = try #require(rotated.stdout.split(separator: "\n").last.map(String.init))
        #expect(rotated.status == 0 && newSecret.hasPrefix("klage_") && newSecret != secret)
        #expect(try await run(["key", "revoke", id]).status == 0)
        #expect(try await run(["key", "list", "--tenant", "odense"]).stdout.contains("revoked"))

        // The anchors, kept outside the database.
        let anchor = try await run(["audit", "anchor"])
        #expect(anchor.status == 0)
        let anchors = folder.appendingPathComponent("anchors.json")
        try Data(anchor.stdout.utf8).write(to: anchors)
        let file = try JSONDecoder().decode(JSONValue.self, from: Data(anchor.stdout.utf8))
        let host = try #require(file["anchors"]?.arrayValue?.first)
        #expect(host["chain"] == "host" && host["seq"] == 4)
        let clean = try await run(["audit", "verify", "--anchors", anchors.path])
        #expect(clean.status == 0 && clean.stdout.contains("host: intact, 4 entries"))
        // An anchors file the strict parser refuses (a key given twice) is named, with the reason.
        let doubled = folder.appendingPathComponent("doubled.json")
        try Data(#"{"exportedAt":"x","exportedAt":"y","anchors":[]}"#.utf8).write(to: doubled)
        let refused = try await run(["audit", "verify", "--anchors", doubled.path])
        #expect(refused.status != 0 && refused.stderr.contains("is not a file of `klage audit anchor`: "), "\(refused.stderr)")

        // The tenant's creation rewritten as the configuration's, every hash after it and the head recomputed.
        let store = try await openStore(database)
        try await store.driver.write(tenant: nil) { connection in
            let entries = try connection.fetchAll(HostAuditEntry.self, SQL.select(HostAuditEntry.self) + " ORDER BY seq")
            var previous = AuditEntry.genesis
            for entry in entries {
                let actor = entry.seq == 1 ? "configuration" : entry.actor
                let text = HostAuditEntry.canonicalText(
                    tenant: nil, seq: entry.seq, kind: entry.kind, reference: entry.reference, occurredAt: entry.occurredAt, actor: actor,
                    digest: entry.digest)
                previous = AuditDigest.hash(previous: previous, canonicalText: text)
                _ = try connection.execute("UPDATE host_audit_chain SET actor = \(actor), hash = \(previous) WHERE seq = \(entry.seq)")
            }
            var link = AuditEntry.genesis
            for entry in try connection.fetchAll(HostAuditEntry.self, SQL.select(HostAuditEntry.self) + " ORDER BY seq") {
                _ = try connection.execute("UPDATE host_audit_chain SET previous_hash = \(link) WHERE seq = \(entry.seq)")
                link = entry.hash
            }
            _ = try connection.execute("UPDATE host_audit_head SET hash = \(link) WHERE id = \(1)")
        }
        await store.driver.close()
        #expect(try await run(["audit", "verify"]).status == 0)  // the links alone cannot tell
        let caught = try await run(["audit", "verify", "--anchors", anchors.path])
        #expect(caught.status == 1)
        #expect(caught.stderr.contains("host seq 4: the entry's hash is not the one anchored outside the database"))
    }
}

/// The SHA-256 a key is stored as, as the kernel computes it.
enum APIKeyHash {
    static func of(_ secret: String) -> String {
        AuditDigest.sha256(secret)
    }
}
