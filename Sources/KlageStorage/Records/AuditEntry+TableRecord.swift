public import KlageKernel

/// An audit chain's entries are rows of their chain's table (``AuditChainTable``), appended, never updated.
extension AuditChainEntry: TableRecord where Kind: AuditChainTable {
    public static var table: TableLayout<Self> { TableLayout(Kind.tableName, key: Kind.tableKey, insertOnly: .all) }
}

/// Where the entries of a chain with these kinds are stored.
public protocol AuditChainTable {
    /// The table's name.
    static var tableName: String { get }
    /// The columns that identify an entry.
    static var tableKey: [String] { get }
}

extension TenantAuditKind: AuditChainTable {
    public static var tableName: String { "audit_chain" }
    public static var tableKey: [String] { ["tenant_id", "seq"] }
}

extension HostAuditKind: AuditChainTable {
    public static var tableName: String { "host_audit_chain" }
    public static var tableKey: [String] { ["seq"] }
}
