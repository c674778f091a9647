import Foundation
public import KlageKernel

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

/// A webhook delivery is one row of `webhook_deliveries`, keyed by its webhook and event.
extension WebhookDelivery: TableRecord {
    public static let table = TableLayout<WebhookDelivery>("webhook_deliveries", listing: columns)

    public static let columns: [TableColumn<WebhookDelivery>] = [
        .key("tenant_id") { $0.tenant },
        .key("webhook_id") { $0.webhookId },
        .key("event_id") { $0.eventId },
        .insertOnly("event_type") { $0.eventType.rawValue },
        .insertOnly("feed_position") { $0.position },
        .column("state") { $0.state.rawValue },
        .column("attempts") { $0.attempts },
        .column("next_attempt_at") { $0.nextAttemptAt },
        .column("last_error") { $0.lastError },
        .insertOnly("created_at") { $0.createdAt },
        .column("updated_at") { $0.updatedAt },
    ]

    public init(row: SQLRow) throws {
        self.init(
            tenant: try row.value("tenant_id"), webhookId: try row.string("webhook_id"), eventId: try row.value("event_id"),
            eventType: EventType(try row.string("event_type")), position: try row.int("feed_position"), state: try row.value("state"),
            attempts: try row.int("attempts"), nextAttemptAt: try row.date("next_attempt_at"), lastError: row.optionalString("last_error"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
