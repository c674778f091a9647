import Foundation
public import KlageKernel

/// A contact is one row of `contacts`; contacts are appended, never updated.
extension Contact: TableRecord {
    public static let tableName = "contacts"

    public static let columns: [TableColumn<Contact>] = [
        .key("tenant_id") { $0.tenant },
        .key("id") { $0.id },
        .insertOnly("complaint_id") { $0.complaintId },
        .insertOnly("kind") { $0.kind.rawValue },
        .insertOnly("reached") { $0.reached },
        .insertOnly("occurred_at") { $0.occurredAt },
        .insertOnly("recorded_by") { $0.recordedBy },
        .insertOnly("summary") { $0.summary },
        .insertOnly("agreement") { $0.agreement },
        .insertOnly("duration_minutes") { $0.durationMinutes },
        .json("fields", .insertOnly) { $0.fields },
        .insertOnly("created_at") { $0.createdAt },
    ]

    public init(row: SQLRow) throws {
        self.init(
            id: try row.value("id"), tenant: try row.value("tenant_id"), complaintId: try row.value("complaint_id"),
            kind: try row.value("kind"), reached: row["reached"].integer != 0, occurredAt: try row.date("occurred_at"),
            recordedBy: try row.string("recorded_by"), summary: try row.string("summary"), agreement: row.optionalString("agreement"),
            durationMinutes: row["duration_minutes"].integer.map(Int.init), fields: try row.json("fields"), createdAt: try row.date("created_at")
        )
    }
}
