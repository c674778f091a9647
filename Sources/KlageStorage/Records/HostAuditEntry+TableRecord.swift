public import KlageKernel

/// A host audit entry is one row of `host_audit_chain`; entries are appended, never updated.
extension HostAuditEntry: TableRecord {
    public static let table = TableLayout<HostAuditEntry>("host_audit_chain", key: ["seq"], insertOnly: .all)
}
