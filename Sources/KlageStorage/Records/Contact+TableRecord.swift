public import KlageKernel

/// A contact is one row of `contacts`; contacts are appended, never updated.
extension Contact: TableRecord {
    public static let table = TableLayout<Contact>("contacts", key: ["id"], insertOnly: .all, adding: [.key("tenant_id") { $0.tenant }])
}
