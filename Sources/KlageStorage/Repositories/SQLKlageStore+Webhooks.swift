public import Foundation
public import KlageDelivery
public import KlageKernel

/// Webhooks, and the fan-out of the feed into their deliveries. A webhook's `feed_position` is how far
/// the tenant's feed has been turned into deliveries for it (channel `webhook` in `deliveries`).
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
            try connection.execute(
                "DELETE FROM deliveries WHERE tenant_id = \(tenant) AND channel = \(WebhookChannel.name) AND target = \(id)")
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
                    let delivery = Delivery(
                        tenant: tenant, channel: WebhookChannel.name, target: hook.id, eventId: event.event.id, eventType: event.event.type,
                        position: event.position, nextAttemptAt: now, createdAt: now, updatedAt: now)
                    made += try connection.execute(try .insert(delivery) + " ON CONFLICT DO NOTHING")
                }
                let position = events.count == limit ? (events.last?.position ?? head) : head
                try connection.execute(
                    "UPDATE webhooks SET feed_position = \(position) WHERE tenant_id = \(tenant) AND id = \(hook.id) AND feed_position < \(position)")
            }
            return made
        }
    }
}
