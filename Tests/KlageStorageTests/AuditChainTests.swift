import Foundation
import KlageKernel
import KlageTestSupport
import Testing

@testable import KlageStorage

/// The tamper-evident audit trail: every event written and every read recorded is appended to the
/// tenant's hash chain in the same transaction, and `verifyAudit` finds each kind of tampering at its seq.
@Suite struct AuditChainTests {
    let tenant = Fixtures.tenant()
    let complaint = ComplaintID("complaint-1")

    func event(_ number: Int, actor: String = "caseworker-1") -> DomainEvent {
        DomainEvent(
            id: EventID("event-\(number)"), tenant: tenant.id, complaintId: complaint, at: Fixtures.monday.addingTimeInterval(Double(number)),
            type: .contactRecorded, actor: actor, summary: "Contact \(number)", data: ["note": "Jens Hansen, +45 12345678"])
    }

    func read(_ number: Int, at: Date? = nil) -> AccessRecord {
        AccessRecord(
            tenant: tenant.id, complaintId: complaint, actor: "caseworker-\(number)", actorLabel: "CW", at: at ?? Fixtures.monday,
            purpose: "complaint.get")
    }

    /// A tenant with entries 1–3 (events), 4 (a read), 5–6 (events).
    func storeWithAChain(_ store: SQLKlageStore) async throws {
        try await store.insertTenant(tenant)
        try await store.appendEvents([event(1), event(2)], tenant: tenant.id)
        try await store.appendEvents([event(3)], tenant: tenant.id)
        try await store.recordAccess([read(1)], tenant: tenant.id)
        try await store.appendEvents([event(4), event(5)], tenant: tenant.id)
    }

    /// Runs raw SQL as the database's owner, outside the API: how an intruder with database access would tamper.
    func tamper(_ store: SQLKlageStore, _ statement: SQL) async throws {
        try await store.driver.write(tenant: nil) { connection in _ = try connection.execute(statement) }
    }

    @Test(arguments: StorageBackend.available)
    func aCleanChainVerifies(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await storeWithAChain(store)
            let result = try await store.verifyAudit(tenant: tenant.id)
            #expect(result.problems == [])
            #expect(result.intact)
            #expect(result.entries == 6)
            #expect(result.headSeq == 6)
            #expect(result.digestsChecked == 6)
            let entries = try await store.driver.read(tenant: tenant.id) { connection in
                try connection.fetchAll(AuditEntry.self, SQL.select(AuditEntry.self) + " WHERE tenant_id = \(tenant.id) ORDER BY seq")
            }
            #expect(entries.map(\.seq) == Array(1...6))
            #expect(entries.map(\.kind) == [.event, .event, .event, .read, .event, .event])
            #expect(entries.first?.previousHash == AuditEntry.genesis)
            #expect(entries.last?.hash == result.headHash)
            // Only ids, types, actors, times and digests: no names, phone numbers or texts.
            for entry in entries {
                #expect(!entry.canonicalText.contains("Jens") && !entry.canonicalText.contains("12345678"))
                #expect(!entry.canonicalText.contains("Contact"))
            }
            // Another tenant has a chain of its own.
            #expect(try await store.verifyAudit(tenant: "roskilde").entries == 0)
        }
    }

    @Test(arguments: StorageBackend.available)
    func anEditedEntryIsFoundAtItsSeq(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await storeWithAChain(store)
            try await tamper(store, "UPDATE audit_chain SET actor = \("someone-else") WHERE tenant_id = \(tenant.id) AND seq = \(3)")
            let result = try await store.verifyAudit(tenant: tenant.id)
            #expect(!result.intact)
            #expect(result.problems.first?.seq == 3)
            #expect(result.problems.first?.message.contains("hash does not match") == true)
        }
    }

    @Test(arguments: StorageBackend.available)
    func anEditedEntryWithItsHashRecomputedBreaksTheNextLink(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await storeWithAChain(store)
            try await tamper(
                store, "UPDATE audit_chain SET hash = \(String(repeating: "a", count: 64)) WHERE tenant_id = \(tenant.id) AND seq = \(2)")
            let result = try await store.verifyAudit(tenant: tenant.id)
            #expect(result.problems.map(\.seq).contains(2))
            #expect(result.problems.contains { $0.seq == 3 && $0.message.contains("previous hash") })
        }
    }

    @Test(arguments: StorageBackend.available)
    func anEditedSourceEventIsFoundAtItsSeq(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await storeWithAChain(store)
            try await tamper(store, "UPDATE events SET actor = \("someone-else") WHERE tenant_id = \(tenant.id) AND id = \("event-4")")
            let result = try await store.verifyAudit(tenant: tenant.id)
            #expect(result.problems == [.init(seq: 5, message: "event event-4 does not match the entry's digest")])
        }
    }

    @Test(arguments: StorageBackend.available)
    func anEditedReadIsFoundAtItsSeq(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await storeWithAChain(store)
            try await tamper(store, "UPDATE access_purposes SET purpose = \("privacy.export") WHERE tenant_id = \(tenant.id)")
            let result = try await store.verifyAudit(tenant: tenant.id)
            #expect(result.problems.map(\.seq) == [4])
        }
    }

    @Test(arguments: StorageBackend.available)
    func lawfulAnonymisationAndRetentionKeepTheChainIntact(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await storeWithAChain(store)
            // Anonymisation scrubs the events' data; it is outside the digest.
            try await tamper(store, "UPDATE events SET data = \("{}") WHERE tenant_id = \(tenant.id)")
            // Retention deletes old reads; their entries keep their links.
            let deleted = try await store.deleteAccessRecords(tenant: tenant.id, before: Fixtures.monday.addingTimeInterval(1))
            #expect(deleted == 1)
            let result = try await store.verifyAudit(tenant: tenant.id)
            #expect(result.problems == [])
            #expect(result.entries == 6)
            #expect(result.digestsChecked == 5)
        }
    }

    @Test(arguments: StorageBackend.available)
    func anInsertedEntryIsFoundAtItsSeq(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await storeWithAChain(store)
            // A forgery linked and hashed correctly, with the head moved too: its event does not exist.
            let head = try await store.verifyAudit(tenant: tenant.id)
            let forged = AuditChain.Link(event(99))
            let text = AuditEntry.canonicalText(
                tenant: tenant.id, seq: 7, kind: .event, reference: forged.reference, occurredAt: forged.occurredAt, actor: forged.actor,
                digest: forged.digest)
            let hash = AuditDigest.hash(previous: head.headHash, canonicalText: text)
            let entry = AuditEntry(
                tenant: tenant.id, seq: 7, kind: .event, reference: forged.reference, occurredAt: forged.occurredAt, actor: forged.actor,
                digest: forged.digest, previousHash: head.headHash, hash: hash)
            try await tamper(store, try .insert(entry))
            try await tamper(store, "UPDATE audit_heads SET seq = \(7), hash = \(hash) WHERE tenant_id = \(tenant.id)")
            #expect(try await store.verifyAudit(tenant: tenant.id).problems == [.init(seq: 7, message: "event event-99 is missing")])
            // A forgery that does not know the hashes.
            try await tamper(
                store,
                """
                INSERT INTO audit_chain (tenant_id, seq, kind, reference, occurred_at, actor, digest, previous_hash, hash)
                VALUES (\(tenant.id), \(8), \("event"), \("event-1"), \(Fixtures.monday), \("caseworker-1"), \("x"), \("y"), \("z"))
                """)
            let result = try await store.verifyAudit(tenant: tenant.id)
            #expect(result.problems.contains { $0.seq == 8 && $0.message.contains("previous hash") })
            #expect(result.problems.contains { $0.seq == 8 && $0.message.contains("beyond the chain head") })
        }
    }

    @Test(arguments: StorageBackend.available)
    func aDeletedEntryIsFoundAtItsSeq(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await storeWithAChain(store)
            try await tamper(store, "DELETE FROM audit_chain WHERE tenant_id = \(tenant.id) AND seq = \(4)")
            #expect(try await store.verifyAudit(tenant: tenant.id).problems == [.init(seq: 4, message: "the entry is missing")])
            // The last entry, too: the head still names it.
            try await tamper(store, "DELETE FROM audit_chain WHERE tenant_id = \(tenant.id) AND seq = \(6)")
            let result = try await store.verifyAudit(tenant: tenant.id)
            #expect(result.problems.map(\.seq) == [4, 6])
            #expect(result.problems.last?.message.contains("the chain head is at seq 6") == true)
        }
    }

    @Test(arguments: StorageBackend.available)
    func concurrentWritesMakeOneGapFreeChain(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await store.insertTenant(tenant)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<16 {
                    group.addTask {
                        try await store.appendEvents([event(writer * 10), event(writer * 10 + 1)], tenant: tenant.id)
                        try await store.recordAccess([read(writer, at: Fixtures.monday.addingTimeInterval(Double(writer)))], tenant: tenant.id)
                    }
                }
                try await group.waitForAll()
            }
            let result = try await store.verifyAudit(tenant: tenant.id)
            #expect(result.problems == [])
            #expect(result.entries == 48)
            #expect(result.headSeq == 48)
            let seqs = try await store.driver.read(tenant: tenant.id) { connection in
                try connection.query("SELECT seq FROM audit_chain WHERE tenant_id = \(tenant.id) ORDER BY seq").map { try $0.int("seq") }
            }
            #expect(seqs == Array(1...48))
        }
    }

    @Test(arguments: StorageBackend.available)
    func bulkLoadsAreChainedToo(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await storeWithAChain(store)
            var batch = RecordBatch()
            batch.events = (10..<15).map { event($0) }
            try await store.insertBatch(batch, tenant: tenant.id)
            let result = try await store.verifyAudit(tenant: tenant.id)
            #expect(result.problems == [])
            #expect(result.headSeq == 11)
            #expect(result.digestsChecked == 11)
        }
    }

    @Test(.enabled(if: StorageBackend.available.contains(.postgres), "needs KLAGE_TEST_POSTGRES_URL"))
    func theApplicationRoleMayOnlyReadAndAppendTheChain() async throws {
        try await withTestStore(.postgres) { store throws in
            try await storeWithAChain(store)
            for statement: SQL in [
                "UPDATE audit_chain SET actor = \("someone-else") WHERE seq = \(1)", "DELETE FROM audit_chain WHERE seq = \(1)",
                "DELETE FROM audit_chain", "TRUNCATE audit_chain",
            ] {
                await #expect(throws: StorageError.self) {
                    try await store.driver.write(tenant: tenant.id) { connection in _ = try connection.execute(statement) }
                }
            }
            #expect(try await store.verifyAudit(tenant: tenant.id).problems == [])
            #expect(try await store.verifyAudit(tenant: tenant.id).entries == 6)
        }
    }
}
