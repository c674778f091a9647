import Foundation
public import KlageKernel

/// A learning item is one row of `learning_items`.
extension LearningItem: TableRecord {
    public static let tableName = "learning_items"

    public static let columns: [TableColumn<LearningItem>] = [
        .key("tenant_id") { $0.tenant },
        .key("id") { $0.id },
        .insertOnly("complaint_id") { $0.complaintId },
        .column("title") { $0.title },
        .column("insight") { $0.insight },
        .column("department") { $0.department },
        .json("tags") { $0.tags },
        .column("state") { $0.state },
        .column("version") { $0.version },
        .insertOnly("created_at") { $0.createdAt },
        .column("updated_at") { $0.updatedAt },
    ]

    public init(row: SQLRow) throws {
        self.init(
            id: try row.value("id"), tenant: try row.value("tenant_id"),
            complaintId: row.optionalString("complaint_id").map { ComplaintID($0) }, title: try row.string("title"),
            insight: try row.string("insight"), department: row.optionalString("department"), tags: try row.json("tags"),
            state: try row.value("state"), version: try row.int("version"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at")
        )
    }
}
