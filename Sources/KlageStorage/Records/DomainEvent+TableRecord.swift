import Foundation
public import KlageKernel

/// An event is one row of `events`; events are appended, never updated.
extension DomainEvent: TableRecord {
    public static let tableName = "events"

    public static let columns: [TableColumn<DomainEvent>] = [
        .key("tenant_id") { $0.tenant },
        .key("id") { $0.id },
        .insertOnly("complaint_id") { $0.complaintId },
        .insertOnly("learning_item_id") { $0.learningItemId },
        .insertOnly("at") { $0.at },
        .insertOnly("type") { $0.type.rawValue },
        .insertOnly("actor") { $0.actor },
        .insertOnly("summary") { $0.summary },
        .json("data", .insertOnly) { $0.data },
    ]

    public init(row: SQLRow) throws {
        self.init(
            id: try row.value("id"), tenant: try row.value("tenant_id"),
            complaintId: row.optionalString("complaint_id").map { ComplaintID($0) },
            learningItemId: row.optionalString("learning_item_id").map { LearningItemID($0) },
            at: try row.date("at"), type: EventType(try row.string("type")), actor: try row.string("actor"),
            summary: try row.string("summary"), data: try row.json("data")
        )
    }
}
