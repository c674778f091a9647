public import KlageKernel

/// A tenant is one row of `tenants`.
extension Tenant: TableRecord {
    public static let table = TableLayout<Tenant>("tenants", key: ["id"], insertOnly: ["created_at"])
}
