import Foundation
public import KlageKernel

/// A delivery is one row of `outbox`, keyed by its event.
extension OutboxDelivery: TableRecord {
    public static let table = TableLayout<OutboxDelivery>("outbox", listing: columns)

    public static let columns: [TableColumn<OutboxDelivery>] = [
        .key("tenant_id") { $0.tenant },
        .key("event_id") { $0.eventId },
        .insertOnly("event_type") { $0.eventType.rawValue },
        .column("state") { $0.state.rawValue },
        .json("done_hooks") { $0.doneHooks },
        .column("attempts") { $0.attempts },
        .column("next_attempt_at") { $0.nextAttemptAt },
        .column("last_error") { $0.lastError },
        .insertOnly("created_at") { $0.createdAt },
        .column("updated_at") { $0.updatedAt },
    ]

    public init(row: SQLRow) throws {
        self.init(
            tenant: try row.value("tenant_id"), eventId: try row.value("event_id"), eventType: EventType(try row.string("event_type")),
            state: try row.value("state"), doneHooks: try row.json("done_hooks"), attempts: try row.int("attempts"),
            nextAttemptAt: try row.date("next_attempt_at"), lastError: row.optionalString("last_error"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
