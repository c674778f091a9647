/// The head of one audit chain, exported outside the database (`klage audit anchor`, the log) so that
/// a chain rewritten and rehashed later is caught: the entry at ``seq`` must still have ``hash``.
public struct AuditAnchor: Sendable, Hashable, Codable {
    /// `host` for the host's chain, else the tenant's id.
    public let chain: String
    /// The head's `seq` when exported (0 for an empty chain).
    public let seq: Int
    /// The head's hash when exported.
    public let hash: String

    public init(chain: String, seq: Int, hash: String) {
        self.chain = chain
        self.seq = seq
        self.hash = hash
    }

    /// The name of the host's chain among anchors.
    public static let hostChain = "host"
}
