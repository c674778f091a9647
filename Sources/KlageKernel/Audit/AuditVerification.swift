/// The result of checking one tenant's audit chain (`audit.verify`, `klage audit verify`).
public struct AuditVerification: Sendable, Hashable, Encodable {
    /// One thing wrong with the chain, at the entry where it shows.
    public struct Problem: Sendable, Hashable, Encodable {
        /// The sequence number of the entry that is wrong or missing.
        public let seq: Int
        /// What is wrong, without personal data.
        public let message: String

        public init(seq: Int, message: String) {
            self.seq = seq
            self.message = message
        }
    }

    public let tenant: TenantID
    /// How many entries were read.
    public let entries: Int
    /// The chain head as stored (`seq` 0 before the first entry); anchor it elsewhere to detect a rewrite.
    public let headSeq: Int
    public let headHash: String
    /// Entries whose source row still exists and whose digest was checked against it.
    public let digestsChecked: Int
    /// Everything wrong, by ascending `seq`; empty when the chain is intact.
    public let problems: [Problem]

    public init(tenant: TenantID, entries: Int, headSeq: Int, headHash: String, digestsChecked: Int, problems: [Problem]) {
        self.tenant = tenant
        self.entries = entries
        self.headSeq = headSeq
        self.headHash = headHash
        self.digestsChecked = digestsChecked
        self.problems = problems
    }

    /// Whether no problem was found.
    public var intact: Bool { problems.isEmpty }

    private enum CodingKeys: String, CodingKey {
        case tenant, entries, headSeq, headHash, digestsChecked, problems, intact
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tenant, forKey: .tenant)
        try container.encode(entries, forKey: .entries)
        try container.encode(headSeq, forKey: .headSeq)
        try container.encode(headHash, forKey: .headHash)
        try container.encode(digestsChecked, forKey: .digestsChecked)
        try container.encode(problems, forKey: .problems)
        try container.encode(intact, forKey: .intact)
    }
}
