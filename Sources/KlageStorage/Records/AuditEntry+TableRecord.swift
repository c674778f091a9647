public import KlageKernel

/// An audit entry is one row of `audit_chain`; entries are appended, never updated.
extension AuditEntry: TableRecord {
    public static let table = TableLayout<AuditEntry>("audit_chain", key: ["tenant_id", "seq"], insertOnly: .all)
}
