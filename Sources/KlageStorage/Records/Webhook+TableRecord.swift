import Foundation
public import KlageDelivery
import KlageKernel

/// A webhook is one row of `webhooks`; only its feed position changes after it is made.
extension Webhook: TableRecord {
    public static let table = TableLayout<Webhook>("webhooks", listing: columns)

    public static let columns: [TableColumn<Webhook>] = [
        .key("tenant_id") { $0.tenant },
        .key("id") { $0.id },
        .insertOnly("url") { $0.url },
        .json("event_types", .insertOnly) { $0.eventTypes },
        .insertOnly("description") { $0.description },
        .insertOnly("secret") { $0.secret },
        .column("feed_position") { $0.position },
        .insertOnly("created_at") { $0.createdAt },
        .insertOnly("created_by") { $0.createdBy },
    ]

    public init(row: SQLRow) throws {
        self.init(
            tenant: try row.value("tenant_id"), id: try row.string("id"), url: try row.string("url"),
            eventTypes: try row.json("event_types"), description: row.optionalString("description"), secret: try row.string("secret"),
            position: try row.int("feed_position"), createdAt: try row.date("created_at"), createdBy: try row.string("created_by"))
    }
}
