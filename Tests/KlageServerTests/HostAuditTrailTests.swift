import Foundation
import KlageKernel
import KlageRPC
import KlageTestSupport
import Logging
import Synchronization
import Testing

@testable import KlageServer
@testable import KlageStorage

/// An operator who leaves a trace, over real HTTP on both engines: tenants created and changed, keys
/// minted, rotated and revoked are entries of the host's audit chain, which `audit.verify` checks, and
/// a chain rewritten and rehashed in the database is reported once `audit.verify` is given the anchors
/// exported before.
@Suite struct HostAuditTrailTests {
    @Test(arguments: StorageBackend.available)
    func operatorsChangesAreOnTheHostChainAndARewriteIsCaughtByTheAnchor(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let operatorID = try #require(try await server.host.store.key(hash: APIKeyService.hash(server.operatorKey))?.key.id.rawValue)
            _ = try await server.result("tenant.create", ["id": "odense", "name": "Odense Kommune", "plugins": []], key: server.operatorKey)
            let created = try await server.result(
                "apiKey.create", ["tenant": "odense", "role": "integration", "label": "Jens' ERP"], key: server.operatorKey)
            let keyID = try #require(created["id"])
            _ = try await server.result("apiKey.rotate", ["id": keyID, "overlapSeconds": 60], key: server.operatorKey)
            _ = try await server.result("apiKey.revoke", ["id": keyID], key: server.operatorKey)

            let entries = try await server.host.store.driver.read(tenant: nil) { connection in
                try connection.fetchAll(HostAuditEntry.self, SQL.select(HostAuditEntry.self) + " ORDER BY seq")
            }
            // Start-up: three tenants from configuration and the test's operator key (by the command line).
            #expect(entries.prefix(4).map(\.kind) == [.tenantCreated, .tenantCreated, .tenantCreated, .keyCreated])
            #expect(entries.prefix(4).map(\.actor) == ["configuration", "configuration", "configuration", "cli"])
            #expect(entries.dropFirst(4).map(\.kind) == [.tenantCreated, .keyCreated, .keyRotated, .keyRevoked])
            #expect(entries.dropFirst(4).allSatisfy { $0.actor == operatorID })
            #expect(entries.allSatisfy { !$0.canonicalText.contains("Jens") })

            let clean = try await server.result("audit.verify", key: server.operatorKey)
            #expect(clean["intact"] == true)
            #expect(clean["host"]?["entries"]?.numberValue == 8 && clean["host"]?["intact"] == true)

            // The anchors, as `klage audit anchor` exports them, kept outside the database.
            let anchors = try await server.host.store.auditAnchors()
            let anchorsJSON = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(anchors))
            #expect(try await server.result("audit.verify", ["anchors": anchorsJSON], key: server.operatorKey)["intact"] == true)

            // Someone with the database makes the key's minting look like the command line's, and rehashes.
            try await server.host.store.driver.write(tenant: nil) { connection in
                var previous = AuditEntry.genesis
                for entry in entries {
                    let actor = entry.kind == .keyCreated && entry.seq > 4 ? "cli" : entry.actor
                    let text = HostAuditEntry.canonicalText(
                        tenant: nil, seq: entry.seq, kind: entry.kind, reference: entry.reference, occurredAt: entry.occurredAt, actor: actor,
                        digest: entry.digest
                    )
                    let hash = AuditDigest.hash(previous: previous, canonicalText: text)
                    _ = try connection.execute(
                        "UPDATE host_audit_chain SET actor = \(actor), previous_hash = \(previous), hash = \(hash) WHERE seq = \(entry.seq)")
                    previous = hash
                }
                _ = try connection.execute("UPDATE host_audit_head SET hash = \(previous) WHERE id = \(1)")
            }
            #expect(try await server.result("audit.verify", key: server.operatorKey)["intact"] == true)  // without the anchor: undetectable
            let caught = try await server.result("audit.verify", ["anchors": anchorsJSON], key: server.operatorKey)
            #expect(caught["intact"] == false)
            #expect(caught["host"]?["anchorChecked"] == true)
            let problem = try #require(caught["host"]?["problems"]?.arrayValue?.first)
            #expect(problem["seq"]?.numberValue == 8)
            #expect(problem["message"]?.stringValue?.contains("anchored outside the database") == true)

            // An anchored chain that is gone is named.
            let gone: JSONValue = [["chain": "aarhus", "seq": 1, "hash": .string(String(repeating: "a", count: 64))]]
            let missing = try await server.result("audit.verify", ["anchors": gone], key: server.operatorKey)
            #expect(missing["intact"] == false && missing["missingChains"] == ["aarhus"])

            // Bad anchors are refused, and only operators verify.
            let bad: JSONValue = [["chain": "host", "seq": 1, "hash": "not-a-hash"]]
            #expect(try await server.call("audit.verify", ["anchors": bad], key: server.operatorKey)["error"]?["code"]?.numberValue == -32022)
            let admin = try await server.key("kobenhavn", .admin)
            #expect(try await server.call("audit.verify", key: admin)["error"]?["code"]?.numberValue == -32003)
        }
    }

    @Test(arguments: StorageBackend.available)
    func everyChainsHeadIsLoggedHourlyWithoutPersonalData(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let complaint = try await server.result(
                "complaint.create", Fixtures.copenhagenComplaint, key: try await server.key("kobenhavn", .caseworker))
            #expect(complaint["id"] != nil)
            let clock = FixedClock(Fixtures.monday)
            let sink = RequestLoggingTests.Lines()
            let logger = AuditAnchorLogger(
                store: server.host.store, clock: clock, logger: Logger(label: "test") { _ in RequestLoggingTests.Capture(sink: sink) })
            await logger.logIfDue()
            let expected = try await server.host.store.auditAnchors()
            func logged() -> [AuditAnchor] {
                sink.lines.withLock { lines in
                    lines.filter { $0.message == "audit anchor" }.compactMap { line in
                        guard case .string(let chain) = line.metadata["chain"], case .string(let hash) = line.metadata["hash"],
                            let seq = line.metadata["seq"].flatMap({ Int("\($0)") })
                        else { return nil }
                        return AuditAnchor(chain: chain, seq: seq, hash: hash)
                    }
                }
            }
            #expect(logged() == expected)
            #expect(expected.map(\.chain) == ["host", "gladsaxe", "kobenhavn", "roskilde"])
            #expect(expected.first { $0.chain == "kobenhavn" }.map { $0.seq > 0 } == true)
            clock.advance(by: 3_599)
            await logger.logIfDue()
            #expect(logged().count == expected.count)  // not again within the hour
            clock.advance(by: 1)
            await logger.logIfDue()
            #expect(logged().count == 2 * expected.count)
            let text = sink.lines.withLock { lines in lines.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n") }
            #expect(!text.contains("Jens") && !text.contains("12345678") && !text.contains("Kommune"))
        }
    }
}
