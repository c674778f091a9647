import Foundation
import KlageKernel
import KlageTestSupport
import Testing

@testable import KlageStorage

/// Keys for machines in storage, on both engines (migration 18): an expiry kept, a listing without
/// secrets to leak, rotation with the old secret found until it is refused by the service, and a last
/// use written at most once a minute per key, even by two instances on one database.
@Suite struct KeyLifecycleStoreTests {
    let tenant = Fixtures.tenant()
    let operatorID = "operator-key-1"

    func key(_ id: String, tenant: TenantID?, role: Role = .integration, expiresAt: Date? = nil) -> APIKey {
        APIKey(
            id: APIKeyID(id), tenant: tenant, role: role, label: "machine \(id)", hash: String(repeating: id.last.map(String.init) ?? "0", count: 64),
            createdAt: Fixtures.monday, expiresAt: expiresAt)
    }

    func event(_ number: Int, actor: String = "caseworker-1") -> DomainEvent {
        DomainEvent(
            id: EventID("event-\(number)"), tenant: tenant.id, complaintId: "complaint-1", at: Fixtures.monday.addingTimeInterval(Double(number)),
            type: .contactRecorded, actor: actor, summary: "Contact \(number)", data: [:])
    }

    @Test(arguments: StorageBackend.available)
    func expiryAndListingAreStoredPerTenant(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await store.insertTenant(tenant)
            try await store.insertTenant(Fixtures.tenant("roskilde"))
            let expiry = Fixtures.monday.addingTimeInterval(86_400)
            try await store.insertKey(key("key-1", tenant: tenant.id, expiresAt: expiry), by: operatorID)
            try await store.insertKey(key("key-2", tenant: "roskilde"), by: operatorID)
            try await store.insertKey(key("key-3", tenant: nil, role: .operator), by: operatorID)
            let found = try #require(try await store.key(hash: String(repeating: "1", count: 64)))
            #expect(found.key.expiresAt == expiry && found.key.lastUsedAt == nil && found.tenant?.id == tenant.id)
            #expect(try await store.keys(tenant: tenant.id).map(\.id) == ["key-1"])
            #expect(try await store.keys(tenant: "roskilde").map(\.id) == ["key-2"])
            #expect(try await store.keys(tenant: nil).map(\.id.rawValue).sorted() == ["key-1", "key-2", "key-3"])
        }
    }

    @Test(arguments: StorageBackend.available)
    func rotationKeepsTheOldSecretFindableUntilTheNextRotation(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await store.insertTenant(tenant)
            try await store.insertKey(key("key-1", tenant: tenant.id), by: operatorID)
            let old = String(repeating: "1", count: 64)
            let new = String(repeating: "a", count: 64)
            let until = Fixtures.monday.addingTimeInterval(3_600)
            // Another tenant's scope finds no key to rotate.
            #expect(try await store.rotateKey("key-1", tenant: "roskilde", hash: new, oldValidUntil: until, at: Fixtures.monday, by: "x") == nil)
            let rotated = try #require(
                try await store.rotateKey("key-1", tenant: tenant.id, hash: new, oldValidUntil: until, at: Fixtures.monday, by: operatorID))
            #expect(rotated.hash == new && rotated.previousHash == old && rotated.previousValidUntil == until)
            #expect(try await store.key(hash: old)?.key.id == "key-1")
            #expect(try await store.key(hash: new)?.key.id == "key-1")
            // A second rotation drops the first secret.
            let newer = String(repeating: "b", count: 64)
            _ = try await store.rotateKey("key-1", tenant: nil, hash: newer, oldValidUntil: until, at: Fixtures.monday, by: operatorID)
            #expect(try await store.key(hash: old) == nil)
            #expect(try await store.key(hash: new)?.key.previousHash == new)
            // Revoked and expired keys are not rotated.
            #expect(try await store.revokeKey("key-1", tenant: nil, at: Fixtures.monday, by: operatorID))
            #expect(try await store.rotateKey("key-1", tenant: nil, hash: old, oldValidUntil: until, at: Fixtures.monday, by: "x") == nil)
            try await store.insertKey(key("key-2", tenant: tenant.id, expiresAt: Fixtures.monday), by: operatorID)
            #expect(try await store.rotateKey("key-2", tenant: nil, hash: old, oldValidUntil: until, at: Fixtures.monday, by: "x") == nil)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aKeysUseIsWrittenAtMostOnceAMinuteAcrossInstances(_ backend: StorageBackend) async throws {
        let url = try backend.freshDatabaseURL()
        let first = try await openStore(url)
        let second = try await openStore(url)
        try await first.insertTenant(tenant)
        try await first.insertKey(key("key-1", tenant: tenant.id), by: operatorID)
        func lastUsed() async throws -> Date? {
            try await first.keys(tenant: tenant.id).first?.lastUsedAt
        }
        let start = Fixtures.monday
        try await first.recordKeyUse("key-1", at: start)
        #expect(try await lastUsed() == start)
        // Hot: a use every second for 59 seconds, on both instances, writes nothing more.
        for second_ in 1..<60 {
            try await (second_ % 2 == 0 ? first : second).recordKeyUse("key-1", at: start.addingTimeInterval(Double(second_)))
        }
        #expect(try await lastUsed() == start)
        try await first.recordKeyUse("key-1", at: start.addingTimeInterval(61))
        #expect(try await lastUsed() == start.addingTimeInterval(61))
        await first.driver.close()
        await second.driver.close()
    }

    @Test(arguments: StorageBackend.available)
    func operatorsChangesGoOnTheHostChainWhichAnAnchorKeepsHonest(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await store.insertTenant(tenant, by: operatorID)
            try await store.insertKey(key("key-1", tenant: tenant.id), by: operatorID)
            _ = try await store.rotateKey(
                "key-1", tenant: nil, hash: String(repeating: "c", count: 64), oldValidUntil: Fixtures.monday, at: Fixtures.monday, by: operatorID)
            #expect(try await store.revokeKey("key-1", tenant: nil, at: Fixtures.monday, by: operatorID))
            #expect(try await !store.revokeKey("key-1", tenant: nil, at: Fixtures.monday, by: operatorID))  // nothing changed, nothing recorded
            var renamed = tenant
            renamed.settings = ["warnBefore": "24h"]
            try await store.updateTenant(renamed, by: operatorID, at: Fixtures.monday)
            let entries = try await store.driver.read(tenant: nil) { connection in
                try connection.fetchAll(HostAuditEntry.self, SQL.select(HostAuditEntry.self) + " ORDER BY seq")
            }
            #expect(entries.map(\.kind) == [.tenantCreated, .keyCreated, .keyRotated, .keyRevoked, .tenantChanged])
            #expect(entries.map(\.actor) == Array(repeating: operatorID, count: 5))
            #expect(entries.allSatisfy { !$0.canonicalText.contains("machine") && !$0.canonicalText.contains(String(repeating: "c", count: 64)) })
            let clean = try await store.verifyHostAudit(anchor: nil)
            #expect(clean.intact && clean.entries == 5 && clean.headSeq == 5)
            let anchors = try await store.auditAnchors()
            #expect(anchors.first == AuditAnchor(chain: "host", seq: 5, hash: clean.headHash))
            #expect(anchors.dropFirst().map(\.chain) == [tenant.id.rawValue])
            let hostAnchor = try #require(anchors.first)

            // Someone with the database rewrites entry 2 (the key's minting, now by someone else), and
            // rehashes it and every entry after it, and the head: every link holds again.
            try await store.driver.write(tenant: nil) { connection in
                var previous = try connection.queryFirst("SELECT hash FROM host_audit_chain WHERE seq = \(1)")!.string("hash")
                for entry in entries.dropFirst() {
                    let actor = entry.seq == 2 ? "someone-else" : entry.actor
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
            #expect(try await store.verifyHostAudit(anchor: nil).intact)  // the links alone cannot tell
            let caught = try await store.verifyHostAudit(anchor: hostAnchor)
            #expect(!caught.intact && caught.anchorChecked)
            #expect(caught.problems.map(\.seq) == [5])
            #expect(caught.problems.first?.message.contains("anchored outside the database") == true)
            // An anchor past the head: entries were removed.
            let beyond = try await store.verifyHostAudit(anchor: AuditAnchor(chain: "host", seq: 9, hash: hostAnchor.hash))
            #expect(beyond.problems.first?.message.contains("entries were removed") == true)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aTenantChainRewrittenAndRehashedIsCaughtByItsAnchor(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await store.insertTenant(tenant)
            let events = (1...3).map { event($0) }
            try await store.appendEvents(events, tenant: tenant.id)
            let anchor = try #require(try await store.auditAnchors().first { $0.chain == tenant.id.rawValue })
            #expect(anchor.seq == 3)
            #expect(try await store.verifyAudit(tenant: tenant.id, anchor: anchor).intact)
            // Entry 1 rewritten (its event's actor too, so the digest matches), rehashed, head moved.
            try await store.driver.write(tenant: nil) { connection in
                _ = try connection.execute("UPDATE events SET actor = \("someone-else") WHERE tenant_id = \(tenant.id) AND id = \("event-1")")
                let rows = try connection.fetchAll(AuditEntry.self, SQL.select(AuditEntry.self) + " WHERE tenant_id = \(tenant.id) ORDER BY seq")
                var previous = AuditEntry.genesis
                for entry in rows {
                    let event = self.event(entry.seq, actor: entry.seq == 1 ? "someone-else" : "caseworker-1")
                    let digest = AuditDigest.digest(of: event)
                    let text = AuditEntry.canonicalText(
                        tenant: tenant.id, seq: entry.seq, kind: entry.kind, reference: entry.reference, occurredAt: entry.occurredAt,
                        actor: event.actor, digest: digest)
                    let hash = AuditDigest.hash(previous: previous, canonicalText: text)
                    _ = try connection.execute(
                        """
                        UPDATE audit_chain SET actor = \(event.actor), digest = \(digest), previous_hash = \(previous), hash = \(hash)
                        WHERE tenant_id = \(tenant.id) AND seq = \(entry.seq)
                        """)
                    previous = hash
                }
                _ = try connection.execute("UPDATE audit_heads SET hash = \(previous) WHERE tenant_id = \(tenant.id)")
            }
            #expect(try await store.verifyAudit(tenant: tenant.id).intact)  // links and digests agree with the rewrite
            let caught = try await store.verifyAudit(tenant: tenant.id, anchor: anchor)
            #expect(caught.problems.map(\.seq) == [3])
            #expect(caught.problems.first?.message.contains("rewritten") == true)
        }
    }

    @Test(.enabled(if: StorageBackend.available.contains(.postgres), "needs KLAGE_TEST_POSTGRES_URL"))
    func theApplicationRoleCannotReadOrWriteTheHostChainOrKeys() async throws {
        try await withTestStore(.postgres) { store throws in
            try await store.insertTenant(tenant, by: operatorID)
            try await store.insertKey(key("key-1", tenant: tenant.id), by: operatorID)
            for statement: SQL in [
                "SELECT * FROM host_audit_chain", "SELECT * FROM host_audit_head", "UPDATE host_audit_chain SET actor = \("x")",
                "DELETE FROM host_audit_chain", "UPDATE host_audit_head SET seq = \(0)", "SELECT * FROM api_keys",
                "UPDATE api_keys SET last_used_at = \(Fixtures.monday)",
            ] {
                await #expect(throws: StorageError.self, "\(statement)") {
                    try await store.driver.write(tenant: tenant.id) { connection in _ = try connection.execute(statement) }
                }
            }
            #expect(try await store.verifyHostAudit(anchor: nil).entries == 2)
        }
    }
}
