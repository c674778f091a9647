public import KlageKernel

/// An effort entry is one row of `efforts`, appended, never updated.
extension EffortEntry: TableRecord {
    public static let table = TableLayout<EffortEntry>("efforts", key: ["id"], insertOnly: .all, adding: [.key("tenant_id") { $0.tenant }])
}
