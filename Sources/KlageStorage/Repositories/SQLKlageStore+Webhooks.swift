public import Foundation
public import KlageKernel

/// Webhooks and their deliveries. A webhook's `feed_position` is how far the tenant's feed has been
/// turned into deliveries for it; a delivery is taken for an attempt by a compare-and-swap on its
/// attempts, as the outbox's are, so several instances may dispatch side by side.
extension SQLKlageStore: WebhookStore {
    public func insertWebhook(_ webhook: Webhook) async throws -> Webhook {
        try await write(webhook.tenant) { connection in
            var stored = webhook
            stored.position = try Self.feedHead(tenant: webhook.tenant, on: connection)
            try connection.execute(try .insert(stored))
            return stored
        }
    }

    public func webhooks(tenant: TenantID) async throws -> [Webhook] {
        try await read(tenant) { connection in
            try connection.fetchAll(Webhook.self, SQL.select(Webhook.self) + " WHERE tenant_id = \(tenant) ORDER BY created_at, id")
        }
    }

    public func deleteWebhook(_ id: String, tenant: TenantID) async throws -> Bool {
        try await write(tenant) { connection in
            try connection.execute("DELETE FROM webhook_deliveries WHERE tenant_id = \(tenant) AND webhook_id = \(id)")
            return try connection.execute("DELETE FROM webhooks WHERE tenant_id = \(tenant) AND id = \(id)") > 0
        }
    }

    /// A host read: the table's owner is not held by row-level security.
    public func tenantsWithWebhooks() async throws -> [TenantID] {
        try await read(nil) { connection in
            try connection.query("SELECT DISTINCT tenant_id FROM webhooks ORDER BY tenant_id").map { try $0.value("tenant_id") }
        }
    }

    public func fanOutWebhooks(tenant: TenantID, at now: Date, limit: Int) async throws -> Int {
        try await write(tenant) { connection in
            // Serialise fan-outs of one tenant across instances (a row lock on PostgreSQL; SQLite has one writer).
            guard try connection.execute("UPDATE webhooks SET feed_position = feed_position WHERE tenant_id = \(tenant)") > 0 else { return 0 }
            let head = try Self.feedHead(tenant: tenant, on: connection)
            var made = 0
            let hooks = try connection.fetchAll(Webhook.self, SQL.select(Webhook.self) + " WHERE tenant_id = \(tenant) ORDER BY id")
            for hook in hooks where hook.position < head {
                let types = hook.eventTypes.contains("*") ? nil : hook.eventTypes.map { EventType($0) }
                let events = try Self.feedEvents(tenant: tenant, after: hook.position, upTo: head, types: types, limit: limit, on: connection)
                for event in events {
                    let delivery = WebhookDelivery(
                        tenant: tenant, webhookId: hook.id, eventId: event.event.id, eventType: event.event.type, position: event.position,
                        nextAttemptAt: now, createdAt: now, updatedAt: now)
                    made += try connection.execute(try .insert(delivery) + " ON CONFLICT DO NOTHING")
                }
                let position = events.count == limit ? (events.last?.position ?? head) : head
                try connection.execute(
                    "UPDATE webhooks SET feed_position = \(position) WHERE tenant_id = \(tenant) AND id = \(hook.id) AND feed_position < \(position)")
            }
            return made
        }
    }

    public func dueWebhookDeliveries(tenant: TenantID, at now: Date, limit: Int) async throws -> [DueWebhookDelivery] {
        try await read(tenant) { connection in
            let due = try connection.fetchAll(
                WebhookDelivery.self,
                SQL.select(WebhookDelivery.self)
                    + " WHERE tenant_id = \(tenant) AND state = \(WebhookDeliveryState.pending.rawValue) AND next_attempt_at <= \(now)"
                    + " ORDER BY feed_position, webhook_id LIMIT \(limit)")
            guard !due.isEmpty else { return [] }
            let hooks = try connection.fetchAll(Webhook.self, SQL.select(Webhook.self) + " WHERE tenant_id = \(tenant)")
            let byID = Dictionary(hooks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return try due.compactMap { delivery in
                guard let hook = byID[delivery.webhookId],
                    let event = try connection.fetchOne(
                        DomainEvent.self, SQL.select(DomainEvent.self) + " WHERE tenant_id = \(tenant) AND id = \(delivery.eventId)")
                else { return nil }
                return DueWebhookDelivery(delivery: delivery, webhook: hook, event: FeedEvent(position: delivery.position, event: event))
            }
        }
    }

    public func claimWebhookDeliveries(_ deliveries: [WebhookDelivery], retryAt: Date, at now: Date) async throws -> [WebhookDelivery] {
        guard let tenant = deliveries.first?.tenant else { return [] }
        return try await write(tenant) { connection in
            try deliveries.filter { delivery in
                try connection.execute(
                    """
                    UPDATE webhook_deliveries SET attempts = \(delivery.attempts + 1), next_attempt_at = \(retryAt), updated_at = \(now)
                    WHERE tenant_id = \(tenant) AND webhook_id = \(delivery.webhookId) AND event_id = \(delivery.eventId)
                        AND state = \(WebhookDeliveryState.pending.rawValue) AND attempts = \(delivery.attempts)
                    """) == 1
            }
        }
    }

    public func recordWebhookAttempts(_ deliveries: [WebhookDelivery]) async throws {
        guard let tenant = deliveries.first?.tenant else { return }
        try await write(tenant) { connection in
            for delivery in deliveries where delivery.tenant == tenant {
                try connection.execute(
                    try .update(delivery, where: "state = \(WebhookDeliveryState.pending.rawValue) AND attempts = \(delivery.attempts)"))
            }
        }
    }

    public func webhookDeliveries(
        tenant: TenantID, state: WebhookDeliveryState, webhookId: String?, after: (position: Int, webhookId: String)?, limit: Int
    ) async throws -> [WebhookDelivery] {
        try await read(tenant) { connection in
            var sql = SQL.select(WebhookDelivery.self) + " WHERE tenant_id = \(tenant) AND state = \(state.rawValue)"
            if let webhookId { sql = sql + " AND webhook_id = \(webhookId)" }
            if let after {
                sql = sql + " AND (feed_position > \(after.position) OR (feed_position = \(after.position) AND webhook_id > \(after.webhookId)))"
            }
            return try connection.fetchAll(WebhookDelivery.self, sql + " ORDER BY feed_position, webhook_id LIMIT \(limit)")
        }
    }

    public func replayWebhookDeliveries(tenant: TenantID, webhookId: String, eventId: EventID?, at now: Date) async throws -> Int {
        try await write(tenant) { connection in
            var sql: SQL = """
                UPDATE webhook_deliveries SET state = \(WebhookDeliveryState.pending.rawValue), attempts = 0, next_attempt_at = \(now),
                    updated_at = \(now)
                WHERE tenant_id = \(tenant) AND webhook_id = \(webhookId) AND state = \(WebhookDeliveryState.failed.rawValue)
                """
            if let eventId { sql = sql + " AND event_id = \(eventId)" }
            return try connection.execute(sql)
        }
    }
}
