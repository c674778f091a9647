import Foundation
import KlageKernel

/// Checks one tenant's audit chain, a page of entries at a time, inside one read transaction (on
/// PostgreSQL a repeatable-read one, so the head and every page are of one snapshot).
///
/// Links are always checked: each `seq` follows the one before, each `previous_hash` is the hash
/// before it, each `hash` is recomputed from its entry, and the last entry is the stored head. Digests
/// are checked against source rows that still exist: an event (events are never deleted, so a missing
/// one is a problem too), or a read of the same complaint at the same millisecond (a read pruned by
/// the retention schedule is gone lawfully; only its links are checked then).
struct AuditVerifier {
    let tenant: TenantID
    /// A head exported earlier (``AuditAnchorCheck``), when given.
    var anchor: AuditAnchor?
    /// Entries read per query.
    var pageSize = 1_000

    private var problems: [AuditVerification.Problem] = []
    private var expectedSeq = 1
    private var previousHash = AuditEntry.genesis
    private var entries = 0
    private var digestsChecked = 0

    init(tenant: TenantID, anchor: AuditAnchor? = nil) {
        self.tenant = tenant
        self.anchor = anchor
    }

    /// Runs every check on `connection`.
    mutating func verify(on connection: any SQLConnection) throws -> AuditVerification {
        let head = try connection.queryFirst("SELECT seq, hash FROM audit_heads WHERE tenant_id = \(tenant)")
        let headSeq = try head?.int("seq") ?? 0
        let headHash = try head?.string("hash") ?? AuditEntry.genesis
        var hashAtHead: String? = headSeq == 0 ? AuditEntry.genesis : nil
        var after = 0
        var anchorCheck = AuditAnchorCheck(anchor)
        while true {
            let rows = try connection.query(
                """
                SELECT c.*, e.id AS e_id, e.complaint_id AS e_complaint_id, e.learning_item_id AS e_learning_item_id, e.at AS e_at,
                    e.type AS e_type, e.actor AS e_actor, e.summary AS e_summary
                FROM audit_chain c LEFT JOIN events e ON e.tenant_id = c.tenant_id AND e.id = c.reference AND c.kind = 'event'
                WHERE c.tenant_id = \(tenant) AND c.seq > \(after) ORDER BY c.seq LIMIT \(pageSize)
                """)
            for row in rows {
                let entry = try AuditEntry(row: row)
                check(links: entry)
                if entry.seq > headSeq {
                    problems.append(.init(seq: entry.seq, message: "the entry is beyond the chain head at seq \(headSeq)"))
                }
                try check(source: entry, row: row, on: connection)
                if entry.seq == headSeq { hashAtHead = entry.hash }
                anchorCheck.saw(seq: entry.seq, hash: entry.hash)
                after = entry.seq
            }
            if rows.count < pageSize { break }
        }
        if after < headSeq {
            let missing = after + 1 == headSeq ? "the entry is missing" : "entries \(after + 1) to \(headSeq) are missing"
            problems.append(.init(seq: after + 1, message: missing + "; the chain head is at seq \(headSeq)"))
        } else if let hashAtHead, hashAtHead != headHash {
            problems.append(.init(seq: headSeq, message: "the entry's hash is not the chain head's hash"))
        }
        problems += anchorCheck.problems(headSeq: headSeq)
        return AuditVerification(
            tenant: tenant, entries: entries, headSeq: headSeq, headHash: headHash, digestsChecked: digestsChecked,
            problems: problems.sorted { $0.seq < $1.seq })
    }

    /// Sequence, link and hash.
    private mutating func check(links entry: AuditEntry) {
        entries += 1
        if entry.seq != expectedSeq {
            let message =
                entry.seq > expectedSeq
                ? (entry.seq - expectedSeq == 1 ? "the entry is missing" : "entries \(expectedSeq) to \(entry.seq - 1) are missing")
                : "the entry is out of order"
            problems.append(.init(seq: expectedSeq, message: message))
        } else if entry.previousHash != previousHash {
            problems.append(.init(seq: entry.seq, message: "the previous hash does not match the hash of seq \(entry.seq - 1)"))
        }
        let hash = AuditDigest.hash(previous: entry.previousHash, canonicalText: entry.canonicalText)
        if hash != entry.hash {
            problems.append(.init(seq: entry.seq, message: "the hash does not match the entry's contents"))
        }
        expectedSeq = entry.seq + 1
        previousHash = entry.hash
    }

    /// The digest against the source row, where it still exists.
    private mutating func check(source entry: AuditEntry, row: SQLRow, on connection: any SQLConnection) throws {
        switch entry.kind {
        case .event:
            guard row.optionalString("e_id") != nil else {
                problems.append(.init(seq: entry.seq, message: "event \(entry.reference) is missing"))
                return
            }
            let event = DomainEvent(
                id: EventID(entry.reference), tenant: tenant, complaintId: row.optionalString("e_complaint_id").map { ComplaintID($0) },
                learningItemId: row.optionalString("e_learning_item_id").map { LearningItemID($0) }, at: try row.date("e_at"),
                type: EventType(try row.string("e_type")), actor: try row.string("e_actor"), summary: try row.string("e_summary"), data: [:])
            digestsChecked += 1
            if AuditDigest.digest(of: event) != entry.digest {
                problems.append(.init(seq: entry.seq, message: "event \(entry.reference) does not match the entry's digest"))
            }
        case .read:
            let complaint = ComplaintID(entry.reference)
            let reads = try connection.query(
                """
                SELECT r.actor, r.label, p.purpose FROM access_reads a
                JOIN access_readers r ON r.tenant_id = a.tenant_id AND r.id = a.reader
                JOIN access_purposes p ON p.tenant_id = a.tenant_id AND p.id = a.purpose
                WHERE a.tenant_id = \(tenant) AND a.complaint_id = \(complaint) AND a.at = \(entry.occurredAt)
                """)
            guard !reads.isEmpty else { return }
            digestsChecked += 1
            let digests = try reads.map { read in
                AuditDigest.digest(
                    of: AccessRecord(
                        tenant: tenant, complaintId: complaint, actor: try read.string("actor"), actorLabel: try read.string("label"),
                        at: entry.occurredAt, purpose: try read.string("purpose")))
            }
            if !digests.contains(entry.digest) {
                problems.append(.init(seq: entry.seq, message: "the read of complaint \(entry.reference) does not match the entry's digest"))
            }
        }
    }
}
