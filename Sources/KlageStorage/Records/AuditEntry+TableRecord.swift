public import KlageKernel

/// An audit chain's entries are rows of their chain's table (``AuditChainTable``), appended, never updated.
extension AuditChainEntry: TableRecord where Kind: AuditChainTable {
    public static var table: TableLayout<Self> { Kind.entries }
}

/// Where the entries of a chain with these kinds are stored.
public protocol AuditChainTable: RawRepresentable<String>, Codable, Hashable, Sendable {
    /// The table, its name and the columns that identify an entry. Stored once (a generic type cannot
    /// store it), so its column names are worked out once, not for every access-log row.
    static var entries: TableLayout<AuditChainEntry<Self>> { get }
}

extension TenantAuditKind: AuditChainTable {
    public static let entries = TableLayout<AuditChainEntry<Self>>("audit_chain", key: ["tenant_id", "seq"], insertOnly: .all)
}

extension HostAuditKind: AuditChainTable {
    public static let entries = TableLayout<AuditChainEntry<Self>>("host_audit_chain", key: ["seq"], insertOnly: .all)
}
