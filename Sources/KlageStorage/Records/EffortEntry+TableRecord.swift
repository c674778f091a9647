import Foundation
public import KlageKernel

/// An effort entry is one row of `efforts`, appended, never updated.
extension EffortEntry: TableRecord {
    public static let tableName = "efforts"

    public static let columns: [TableColumn<EffortEntry>] = [
        .key("tenant_id") { $0.tenant },
        .key("id") { $0.id },
        .insertOnly("complaint_id") { $0.complaintId },
        .insertOnly("minutes") { $0.minutes },
        .insertOnly("activity") { $0.activity },
        .insertOnly("recorded_by") { $0.recordedBy },
        .insertOnly("at") { $0.at },
        .insertOnly("created_at") { $0.createdAt },
    ]

    public init(row: SQLRow) throws {
        self.init(
            id: try row.value("id"), tenant: try row.value("tenant_id"), complaintId: try row.value("complaint_id"),
            minutes: try row.int("minutes"), activity: row.optionalString("activity"), recordedBy: try row.string("recorded_by"),
            at: try row.date("at"), createdAt: try row.date("created_at"))
    }
}
