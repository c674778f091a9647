import Foundation
import KlageKernel
import KlageTestSupport
import Testing

@testable import KlageStorage

/// Statements a write sends without waiting for their answer (`SQLConnection.send`: PostgreSQL holds them
/// for the write's last message) fail that write and no other, and a write whose sent statement fails
/// commits nothing. On SQLite `send` runs at once: the same outcomes.
@Suite struct SentStatementTests {
    static func mark(_ id: String, tenant: TenantID = "kobenhavn") -> SQL {
        "INSERT INTO report_changes (tenant_id, day, id) VALUES (\(tenant), \(1), \(id))"
    }

    static func marks(_ driver: any SQLDriver) async throws -> [String] {
        try await driver.read(tenant: "kobenhavn") { connection in
            try connection.query("SELECT id FROM report_changes WHERE tenant_id = \(TenantID("kobenhavn")) ORDER BY id").map { try $0.string("id") }
        }
    }

    @Test(arguments: StorageBackend.available)
    func aWriteWhoseSentStatementFailsCommitsNothing(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await store.insertTenant(Fixtures.tenant(), by: "test")
            try await store.driver.write(tenant: "kobenhavn") { try $0.send(Self.mark("first")) }
            await #expect(throws: StorageError.self) {
                try await store.driver.write(tenant: "kobenhavn") { connection in
                    try connection.execute(Self.mark("second"))
                    try connection.send(Self.mark("first"))  // the key is taken: fails where it is sent
                    try connection.send(Self.mark("third"))
                }
            }
            #expect(try await Self.marks(store.driver) == ["first"])
        }
    }

    @Test(arguments: StorageBackend.available)
    func inOneGroupCommitOnlyTheWriteWhoseSentStatementFailedFails(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await store.insertTenant(Fixtures.tenant(), by: "test")
            try await store.driver.write(tenant: "kobenhavn") { try $0.send(Self.mark("taken")) }
            // Many writes at once, so that they share batches. Of every three, one repeats a taken key; one
            // sends the same and then fails before anything is sent (what it held must be dropped, not
            // sent with the rollback); one succeeds.
            let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<60 {
                    group.addTask {
                        let id = index % 3 == 2 ? String(format: "w%02d", index) : "taken"
                        do {
                            try await store.driver.write(tenant: "kobenhavn") { connection in
                                try connection.send(Self.mark("x\(index)-before"))
                                try connection.send(Self.mark(id))
                                if index % 3 == 1 { throw KlageError.conflict("given up before sending") }
                            }
                            return (index, true)
                        } catch {
                            return (index, false)
                        }
                    }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            for index in 0..<60 {
                #expect(outcomes[index] == (index % 3 == 2), "write \(index)")
            }
            let stored = try await Self.marks(store.driver)
            let expected = (0..<60).filter { $0 % 3 == 2 }.flatMap { [String(format: "w%02d", $0), "x\($0)-before"] } + ["taken"]
            #expect(stored == expected.sorted())
        }
    }

    /// A query after sent statements goes in their message (PostgreSQL) and answers for itself: it sees
    /// what they wrote, and when one of them fails, the query fails with it and the write commits nothing.
    @Test(arguments: StorageBackend.available)
    func aQueryAfterSentStatementsSeesThemAndFailsWithThem(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await store.insertTenant(Fixtures.tenant(), by: "test")
            let counted = try await store.driver.write(tenant: "kobenhavn") { connection in
                try connection.send(Self.mark("a"))
                try connection.send(Self.mark("b"))
                return try connection.queryFirst("SELECT COUNT(*) AS n FROM report_changes WHERE id IN (\("a"), \("b"))")?.int("n")
            }
            #expect(counted == 2)
            await #expect(throws: StorageError.self) {
                try await store.driver.write(tenant: "kobenhavn") { connection in
                    try connection.send(Self.mark("c"))
                    try connection.send(Self.mark("a"))  // taken
                    _ = try connection.query("SELECT id FROM report_changes")
                }
            }
            #expect(try await Self.marks(store.driver) == ["a", "b"])
        }
    }

    /// A complaint without an external reference is sent whole, without waiting (one message on
    /// PostgreSQL): one whose id is taken fails alone, in the middle of a batch of others, and stores
    /// no event and no audit entry of its own.
    @Test(arguments: StorageBackend.available)
    func aComplaintWhoseIdIsTakenFailsAloneAndTheChainStaysWhole(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await store.insertTenant(Fixtures.tenant(), by: "test")
            func received(_ complaint: ComplaintID, _ index: Int) -> DomainEvent {
                DomainEvent(
                    id: EventID("event-\(index)"), tenant: "kobenhavn", complaintId: complaint, at: Fixtures.monday,
                    type: "complaint.received", actor: "test", summary: "Received")
            }
            func complaint(_ id: String) -> Complaint {
                Complaint(
                    id: ComplaintID(id), tenant: "kobenhavn", workflowVersion: 1, state: "received", intake: Fixtures.draft(),
                    receivedAt: Fixtures.monday, createdAt: Fixtures.monday, updatedAt: Fixtures.monday)
            }
            _ = try await store.insertComplaint(complaint("c-taken"), events: [received("c-taken", 0)])
            let created = await withTaskGroup(of: (Int, Bool).self) { group in
                for index in 1...40 {
                    group.addTask {
                        let id = index % 4 == 0 ? "c-taken" : "c-\(index)"
                        do {
                            _ = try await store.insertComplaint(complaint(id), events: [received(ComplaintID(id), index)])
                            return (index, true)
                        } catch {
                            return (index, false)
                        }
                    }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            for index in 1...40 {
                #expect(created[index] == (index % 4 != 0), "complaint \(index)")
            }
            let events = try await store.driver.read(tenant: "kobenhavn") { connection in
                try connection.query("SELECT id FROM events WHERE complaint_id = \("c-taken")").map { try $0.string("id") }
            }
            #expect(events == ["event-0"])
            let verification = try await store.verifyAudit(tenant: "kobenhavn", anchor: nil)
            #expect(verification.intact, "\(verification.problems)")
            #expect(verification.entries == 31)
        }
    }

    /// A batch's writes extend the audit chain from the head the transaction last moved it to; a write
    /// that fails after extending it leaves no gap and no fork: the chain verifies, entry for entry.
    @Test(arguments: StorageBackend.available)
    func theAuditChainStaysWholeWhenWritesOfABatchFail(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await store.insertTenant(Fixtures.tenant(), by: "test")
            let committed = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<60 {
                    group.addTask {
                        let event = DomainEvent(
                            id: EventID(String(format: "event-%02d", index)), tenant: "kobenhavn", at: Fixtures.monday, type: "test.written",
                            actor: "test", summary: "Test")
                        do {
                            try await store.driver.write(tenant: "kobenhavn") { connection in
                                try store.insert([event], on: connection)
                                if index % 4 == 1 { throw KlageError.conflict("given up after extending the chain") }
                            }
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(committed == 45)
            let verification = try await store.verifyAudit(tenant: "kobenhavn", anchor: nil)
            #expect(verification.intact, "\(verification.problems)")
            #expect(verification.entries == 45)
            #expect(verification.headSeq == 45)
            #expect(verification.digestsChecked == 45)
        }
    }
}
