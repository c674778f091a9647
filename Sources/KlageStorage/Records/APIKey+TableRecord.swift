import Foundation
public import KlageKernel

/// An API key is one row of `api_keys`; revoking it sets `revoked_at` alone (``SQLKlageStore/revokeKey(_:tenant:at:)``).
extension APIKey: TableRecord {
    public static let tableName = "api_keys"

    public static let columns: [TableColumn<APIKey>] = [
        .key("id") { $0.id },
        .insertOnly("tenant_id") { $0.tenant },
        .insertOnly("role") { $0.role.rawValue },
        .insertOnly("label") { $0.label },
        .insertOnly("hash") { $0.hash },
        .insertOnly("created_at") { $0.createdAt },
        .column("revoked_at") { $0.revokedAt },
    ]

    public init(row: SQLRow) throws {
        self.init(
            id: try row.value("id"), tenant: row.optionalString("tenant_id").map { TenantID($0) },
            role: try row.value("role"), label: try row.string("label"), hash: try row.string("hash"),
            createdAt: try row.date("created_at"), revokedAt: row.optionalDate("revoked_at"))
    }
}
