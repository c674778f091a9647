import Foundation
public import KlageKernel

/// A tenant is one row of `tenants`.
extension Tenant: TableRecord {
    public static let tableName = "tenants"

    public static let columns: [TableColumn<Tenant>] = [
        .key("id") { $0.id },
        .column("name") { $0.name },
        .json("plugins") { $0.plugins },
        .json("settings") { $0.settings },
        .insertOnly("created_at") { $0.createdAt },
    ]

    public init(row: SQLRow) throws {
        self.init(
            id: try row.value("id"), name: try row.string("name"), plugins: try row.json("plugins"),
            settings: try row.json("settings"), createdAt: try row.date("created_at"))
    }
}
