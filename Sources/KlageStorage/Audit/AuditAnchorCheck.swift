import KlageKernel

/// Checks a chain against a head exported earlier (``KlageKernel/AuditAnchor``): the entry at the
/// anchor's `seq` must still exist and have the anchor's hash. A row rewritten and every hash after it
/// recomputed passes the links, but not this: its hash (or an earlier one's, carried forward) has changed.
struct AuditAnchorCheck {
    private let anchor: AuditAnchor?
    private var hashSeen: String?

    init(_ anchor: AuditAnchor?) {
        self.anchor = anchor
        if anchor?.seq == 0 { hashSeen = AuditEntry.genesis }
    }

    /// Notes an entry read in order.
    mutating func saw(seq: Int, hash: String) {
        if seq == anchor?.seq { hashSeen = hash }
    }

    /// What is wrong against the anchor, once every entry was seen.
    func problems(headSeq: Int) -> [AuditVerification.Problem] {
        guard let anchor else { return [] }
        if anchor.seq > headSeq {
            return [
                .init(
                    seq: anchor.seq,
                    message: "the chain ends at seq \(headSeq), before the anchor exported at seq \(anchor.seq): entries were removed")
            ]
        }
        guard let hashSeen else {
            return [.init(seq: anchor.seq, message: "the anchored entry is missing")]
        }
        if hashSeen != anchor.hash {
            return [
                .init(
                    seq: anchor.seq,
                    message: "the entry's hash is not the one anchored outside the database: the chain was rewritten up to here")
            ]
        }
        return []
    }
}
