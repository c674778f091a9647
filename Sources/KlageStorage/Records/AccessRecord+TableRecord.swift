import Foundation
public import KlageKernel

/// An access record is one row of `access_log`, appended, never updated. Its `seq` is a time-ordered,
/// unique id made at insert, so reads list in the order they happened; the record itself does not carry it.
extension AccessRecord: TableRecord {
    public static let tableName = "access_log"

    public static let columns: [TableColumn<AccessRecord>] = [
        .key("tenant_id") { $0.tenant },
        .key("complaint_id") { $0.complaintId },
        .key("seq") { IDGenerator.uuidV7(at: $0.at) },
        .insertOnly("actor") { $0.actor },
        .insertOnly("actor_label") { $0.actorLabel },
        .insertOnly("at") { $0.at },
        .insertOnly("purpose") { $0.purpose },
    ]

    public init(row: SQLRow) throws {
        self.init(
            tenant: try row.value("tenant_id"), complaintId: try row.value("complaint_id"), actor: try row.string("actor"),
            actorLabel: try row.string("actor_label"), at: try row.date("at"), purpose: try row.string("purpose")
        )
    }
}
