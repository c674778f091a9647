/// What `privacy.erase` did with each of a citizen's complaints, and why.
public struct ErasureResult: Sendable, Hashable, Encodable {
    /// What happened to one complaint.
    public enum Action: String, Sendable, Hashable, Encodable, CaseIterable {
        /// Its personal data is gone now.
        case anonymised
        /// Kept, but processing is restricted: only admins see it, nothing changes it.
        case restricted
        /// Nothing to do: it was anonymised before.
        case alreadyAnonymised
        /// Nothing more to do: it was restricted before and still must be kept.
        case alreadyRestricted
    }

    /// One complaint's outcome.
    public struct Item: Sendable, Hashable, Encodable {
        public let complaintId: ComplaintID
        public let action: Action
        /// Why, in words an admin can pass on to the citizen.
        public let reason: String

        public init(complaintId: ComplaintID, action: Action, reason: String) {
            self.complaintId = complaintId
            self.action = action
            self.reason = reason
        }
    }

    /// How the citizen was found: `cpr`, `phone` or `email`.
    public let matchedBy: String
    public let complaints: [Item]

    public init(matchedBy: String, complaints: [Item]) {
        self.matchedBy = matchedBy
        self.complaints = complaints
    }
}

/// Why a complaint cannot be erased now, if it cannot.
enum ErasureBlock {
    case open
    case recordKeeping

    /// The block on erasing `complaint`, or `nil` when it may be anonymised now.
    ///
    /// An open complaint is still being handled. A decision case must be kept on file: an appeal of a
    /// decision, or a complaint closed with a decision or forwarded (upheld, partly upheld, rejected,
    /// forwarded) — the authority's duty to keep records (offentlighedsloven §15, arkivloven) is the
    /// exception of GDPR art. 17(3)(b). Complaints closed by dialogue (withdrawn, resolved) may be erased.
    static func of(_ complaint: Complaint) -> ErasureBlock? {
        if complaint.closedAt == nil { return .open }
        if complaint.track == .appeal { return .recordKeeping }
        switch complaint.outcome {
        case .upheld, .partlyUpheld, .rejected, .forwarded: return .recordKeeping
        case .withdrawn, .resolved, nil: return nil
        }
    }

    var code: String {
        switch self {
        case .open: "open"
        case .recordKeeping: "recordKeeping"
        }
    }

    var reason: String {
        switch self {
        case .open:
            "the complaint is still open; its processing is restricted (GDPR art. 18) and it can be erased once closed"
        case .recordKeeping:
            "the complaint is a decision case the municipality must keep on file (GDPR art. 17(3)(b)); "
                + "its processing is restricted and its personal data goes at the tenant's retention time"
        }
    }
}
