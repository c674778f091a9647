import Foundation
public import KlageDelivery
import KlageKernel

/// A delivery is one row of `deliveries`, keyed by its channel, target and event.
extension Delivery: TableRecord {
    public static let table = TableLayout<Delivery>("deliveries", listing: columns)

    public static let columns: [TableColumn<Delivery>] = [
        .key("tenant_id") { $0.tenant },
        .key("channel") { $0.channel },
        .key("target") { $0.target },
        .key("event_id") { $0.eventId },
        .insertOnly("event_type") { $0.eventType.rawValue },
        .insertOnly("feed_position") { $0.position },
        .column("state") { $0.state.rawValue },
        .json("done_parts") { $0.done },
        .column("attempts") { $0.attempts },
        .column("next_attempt_at") { $0.nextAttemptAt },
        .column("last_error") { $0.lastError },
        .insertOnly("created_at") { $0.createdAt },
        .column("updated_at") { $0.updatedAt },
    ]

    public init(row: SQLRow) throws {
        self.init(
            tenant: try row.value("tenant_id"), channel: try row.string("channel"), target: try row.string("target"),
            eventId: try row.value("event_id"), eventType: EventType(try row.string("event_type")), position: try row.int("feed_position"),
            state: try row.value("state"), done: try row.json("done_parts"), attempts: try row.int("attempts"),
            nextAttemptAt: try row.date("next_attempt_at"), lastError: row.optionalString("last_error"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
