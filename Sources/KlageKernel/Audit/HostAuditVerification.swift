/// The result of checking the host's audit chain (`audit.verify`, `klage audit verify`).
public struct HostAuditVerification: Sendable, Hashable, Encodable {
    /// How many entries were read.
    public let entries: Int
    /// The chain head as stored (`seq` 0 before the first entry).
    public let headSeq: Int
    public let headHash: String
    /// Whether an anchor exported earlier was checked against the chain.
    public let anchorChecked: Bool
    /// Everything wrong, by ascending `seq`; empty when the chain is intact.
    public let problems: [AuditVerification.Problem]

    public init(entries: Int, headSeq: Int, headHash: String, anchorChecked: Bool, problems: [AuditVerification.Problem]) {
        self.entries = entries
        self.headSeq = headSeq
        self.headHash = headHash
        self.anchorChecked = anchorChecked
        self.problems = problems
    }

    /// Whether no problem was found.
    public var intact: Bool { problems.isEmpty }

    private enum CodingKeys: String, CodingKey {
        case entries, headSeq, headHash, anchorChecked, problems, intact
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entries, forKey: .entries)
        try container.encode(headSeq, forKey: .headSeq)
        try container.encode(headHash, forKey: .headHash)
        try container.encode(anchorChecked, forKey: .anchorChecked)
        try container.encode(problems, forKey: .problems)
        try container.encode(intact, forKey: .intact)
    }
}
