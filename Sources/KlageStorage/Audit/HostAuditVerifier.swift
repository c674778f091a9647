import Foundation
import KlageKernel

/// Checks the host's audit chain, a page at a time, inside one read transaction: each `seq` follows the
/// one before, each `previous_hash` is the hash before it, each `hash` is recomputed from its entry, the
/// last entry is the stored head and, given one, an anchor exported earlier still matches.
///
/// The changes it records (keys, tenants' settings) are overwritten by later ones, so digests are not
/// checked against source rows: the anchor is what catches a chain rewritten and rehashed.
struct HostAuditVerifier {
    var anchor: AuditAnchor?
    /// Entries read per query.
    var pageSize = 1_000

    /// Runs every check on `connection`.
    func verify(on connection: any SQLConnection) throws -> HostAuditVerification {
        let head = try connection.queryFirst("SELECT seq, hash FROM host_audit_head WHERE id = \(1)")
        let headSeq = try head?.int("seq") ?? 0
        let headHash = try head?.string("hash") ?? AuditEntry.genesis
        var problems: [AuditVerification.Problem] = []
        var anchorCheck = AuditAnchorCheck(anchor)
        var expectedSeq = 1
        var previousHash = AuditEntry.genesis
        var entries = 0
        var hashAtHead: String? = headSeq == 0 ? AuditEntry.genesis : nil
        while true {
            let page = try connection.fetchAll(
                HostAuditEntry.self, SQL.select(HostAuditEntry.self) + " WHERE seq >= \(expectedSeq) ORDER BY seq LIMIT \(pageSize)")
            for entry in page {
                entries += 1
                if entry.seq != expectedSeq {
                    problems.append(.init(seq: expectedSeq, message: "entries \(expectedSeq) to \(entry.seq - 1) are missing"))
                } else if entry.previousHash != previousHash {
                    problems.append(.init(seq: entry.seq, message: "the previous hash does not match the hash of seq \(entry.seq - 1)"))
                }
                if AuditDigest.hash(previous: entry.previousHash, canonicalText: entry.canonicalText) != entry.hash {
                    problems.append(.init(seq: entry.seq, message: "the hash does not match the entry's contents"))
                }
                if entry.seq > headSeq {
                    problems.append(.init(seq: entry.seq, message: "the entry is beyond the chain head at seq \(headSeq)"))
                }
                if entry.seq == headSeq { hashAtHead = entry.hash }
                anchorCheck.saw(seq: entry.seq, hash: entry.hash)
                expectedSeq = entry.seq + 1
                previousHash = entry.hash
            }
            if page.count < pageSize { break }
        }
        if expectedSeq <= headSeq {
            problems.append(.init(seq: expectedSeq, message: "entries \(expectedSeq) to \(headSeq) are missing; the chain head is at seq \(headSeq)"))
        } else if let hashAtHead, hashAtHead != headHash {
            problems.append(.init(seq: headSeq, message: "the entry's hash is not the chain head's hash"))
        }
        problems += anchorCheck.problems(headSeq: headSeq)
        return HostAuditVerification(
            entries: entries, headSeq: headSeq, headHash: headHash, anchorChecked: anchor != nil, problems: problems.sorted { $0.seq < $1.seq })
    }
}
