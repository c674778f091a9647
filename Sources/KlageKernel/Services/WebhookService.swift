public import Foundation

/// Webhooks: a tenant admin's subscriptions of endpoints to event types, and the delivery of the
/// tenant's feed to them from a durable outbox, at least once, with exponential back-off.
///
/// Every instance may run ``dispatchDue(tenant:)``: events are fanned out into deliveries under a row
/// lock, and each attempt is taken by a compare-and-swap on the delivery's attempts. Tenants are
/// dispatched apart, each with its own share of concurrent deliveries (``tenantShare``), so one
/// tenant's slow endpoints cannot delay another tenant's.
public struct WebhookService: Sendable {
    /// The most webhooks one tenant may have.
    public static let maxWebhooks = 20
    /// The longest target URL.
    public static let maxURLLength = 2_048

    let store: any WebhookStore
    let transport: any WebhookTransport
    let clock: any KlageClock
    let policy: WebhookPolicy
    /// How long an attempt holds its delivery before another instance may take it: longer than a request may last.
    let lease: TimeInterval
    let failed: @Sendable (String, any Error) -> Void

    public init(
        store: any WebhookStore, transport: any WebhookTransport, clock: any KlageClock, policy: WebhookPolicy, lease: TimeInterval,
        failed: @escaping @Sendable (String, any Error) -> Void = { _, _ in }
    ) {
        self.store = store
        self.transport = transport
        self.clock = clock
        self.policy = policy
        self.lease = lease
        self.failed = failed
    }

    /// Subscribes `url` to `eventTypes` (`["*"]` for all) for the caller's tenant.
    /// - Returns: the webhook, whose secret is shown only now.
    /// - Throws: a validation error for a bad or refused URL, unknown type names, or too many webhooks.
    public func create(url: String, eventTypes: [String], description: String?, tenant: TenantID, by actor: Principal) async throws -> Webhook {
        guard url.utf8.count <= Self.maxURLLength else { throw KlageError.validation(field: "url", reason: "at most 2048 bytes") }
        guard !eventTypes.isEmpty else { throw KlageError.validation(field: "events", reason: "name at least one event type, or \"*\"") }
        if !(eventTypes == ["*"]) { _ = try EventFeedService.eventTypes(eventTypes, field: "events") }
        if let description, description.count > 200 { throw KlageError.validation(field: "description", reason: "at most 200 characters") }
        try await transport.checkTarget(url, tenant: tenant)
        guard try await store.webhooks(tenant: tenant).count < Self.maxWebhooks else {
            throw KlageError.validation(field: "url", reason: "a tenant may have at most \(Self.maxWebhooks) webhooks")
        }
        let now = clock.now()
        let webhook = Webhook(
            tenant: tenant, id: IDGenerator.uuidV7(at: now), url: url, eventTypes: eventTypes, description: description,
            secret: Self.newSecret(), position: 0, createdAt: now, createdBy: actor.id)
        return try await store.insertWebhook(webhook)
    }

    /// The tenant's webhooks.
    public func list(tenant: TenantID) async throws -> [Webhook] {
        try await store.webhooks(tenant: tenant)
    }

    /// Deletes a webhook and what it is still owed. - Throws: not found.
    public func delete(_ id: String, tenant: TenantID) async throws {
        guard try await store.deleteWebhook(id, tenant: tenant) else { throw KlageError.notFound("webhook") }
    }

    /// Sends a signed `webhook.test` event to the webhook now, outside the outbox. - Returns: how it went.
    public func test(_ id: String, tenant: TenantID, by actor: Principal) async throws -> WebhookAttemptOutcome {
        guard let webhook = try await store.webhooks(tenant: tenant).first(where: { $0.id == id }) else { throw KlageError.notFound("webhook") }
        let now = clock.now()
        let event = DomainEvent(
            id: EventID(IDGenerator.uuidV7(at: now)), tenant: tenant, at: now, type: "webhook.test", actor: actor.id,
            summary: "A test delivery from Klage")
        return await transport.send(FeedEvent(position: 0, event: event), to: webhook)
    }

    /// Deliveries in `state` (failed ones by default), by position, a page at a time.
    public func deliveries(
        tenant: TenantID, state: WebhookDeliveryState, webhookId: String?, limit: Int, cursor: String?
    ) async throws -> Page<WebhookDelivery> {
        guard (1...500).contains(limit) else { throw KlageError.validation(field: "limit", reason: "must be between 1 and 500") }
        let after = try Self.decodeCursor(cursor)
        let items = try await store.webhookDeliveries(tenant: tenant, state: state, webhookId: webhookId, after: after, limit: limit + 1)
        guard items.count > limit else { return Page(items: items, nextCursor: nil) }
        let kept = Array(items.prefix(limit))
        return Page(items: kept, nextCursor: kept.last.map { "\($0.position)/\($0.webhookId)" })
    }

    /// Makes a webhook's failed deliveries (one event's, or all) pending again, due now.
    /// - Returns: how many. - Throws: not found for an unknown webhook.
    public func replay(webhookId: String, eventId: EventID?, tenant: TenantID) async throws -> Int {
        guard try await store.webhooks(tenant: tenant).contains(where: { $0.id == webhookId }) else { throw KlageError.notFound("webhook") }
        return try await store.replayWebhookDeliveries(tenant: tenant, webhookId: webhookId, eventId: eventId, at: clock.now())
    }

    /// The most deliveries of one tenant in flight at once in one instance: its share. A tenant's
    /// slow or hanging endpoints hold its own share, never another tenant's deliveries.
    public static let tenantShare = 8

    /// The tenants that have webhooks: each gets its own lane of deliveries (``dispatchDue(tenant:)``).
    public func tenantsWithWebhooks() async throws -> [TenantID] {
        try await store.tenantsWithWebhooks()
    }

    /// One pass for every tenant at once: each tenant's pass (``dispatchDue(tenant:)``) runs beside
    /// the others, so one tenant's hanging endpoints do not hold another's. A tenant whose pass fails
    /// is reported and skipped. - Returns: how many attempts ran.
    @discardableResult
    public func dispatchDue() async throws -> Int {
        let tenants = try await store.tenantsWithWebhooks()
        return await withTaskGroup(of: Int.self) { group in
            for tenant in tenants {
                group.addTask {
                    do {
                        return try await dispatchDue(tenant: tenant)
                    } catch {
                        failed("webhook dispatch", error)
                        return 0
                    }
                }
            }
            return await group.reduce(0, +)
        }
    }

    /// One pass for one tenant: fans its new events out to its webhooks, takes at most
    /// ``tenantShare`` of its due deliveries and sends them side by side, then records the outcomes.
    /// Everything taken is sent at once, so each attempt finishes within its lease.
    /// - Returns: how many attempts ran.
    @discardableResult
    public func dispatchDue(tenant: TenantID) async throws -> Int {
        _ = try await store.fanOutWebhooks(tenant: tenant, at: clock.now(), limit: 2_000)
        return try await attempt(try await store.dueWebhookDeliveries(tenant: tenant, at: clock.now(), limit: Self.tenantShare))
    }

    /// Takes `due` deliveries (of one tenant) in one transaction, sends them side by side, and records
    /// the outcomes in one transaction. - Returns: how many this caller took.
    private func attempt(_ due: [DueWebhookDelivery]) async throws -> Int {
        guard !due.isEmpty else { return 0 }
        let now = clock.now()
        let claimed = try await store.claimWebhookDeliveries(due.map(\.delivery), retryAt: now.addingTimeInterval(lease), at: now)
        let taken = Set(claimed.map { "\($0.webhookId) \($0.eventId.rawValue)" })
        let work = due.filter { taken.contains("\($0.delivery.webhookId) \($0.delivery.eventId.rawValue)") }
        let outcomes = await withTaskGroup(of: WebhookDelivery.self) { group in
            for item in work { group.addTask { await send(item) } }
            var results: [WebhookDelivery] = []
            for await result in group { results.append(result) }
            return results
        }
        try await store.recordWebhookAttempts(outcomes)
        return outcomes.count
    }

    /// One attempt at a delivery already taken: the delivery as it stands after it.
    private func send(_ due: DueWebhookDelivery) async -> WebhookDelivery {
        var delivery = due.delivery
        delivery.attempts += 1
        let outcome = await transport.send(due.event, to: due.webhook)
        let after = clock.now()
        delivery.updatedAt = after
        switch outcome {
        case .delivered:
            delivery.state = .delivered
            delivery.lastError = nil
        case .failed(let reason):
            delivery.lastError = String(reason.prefix(200))
            if delivery.attempts >= policy.maxAttempts {
                delivery.state = .failed
            } else {
                delivery.nextAttemptAt = after.addingTimeInterval(policy.retryDelay(after: delivery.attempts))
            }
        }
        return delivery
    }

    /// A new signing secret: `whsec_` and base64 of 32 random bytes, as the Standard Webhooks specification has it.
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "whsec_" + Data(bytes).base64EncodedString()
    }

    private static func decodeCursor(_ cursor: String?) throws -> (position: Int, webhookId: String)? {
        guard let cursor else { return nil }
        let parts = cursor.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let position = Int(parts[0]), position >= 0 else {
            throw KlageError.validation(field: "cursor", reason: "not a cursor from an earlier page")
        }
        return (position, String(parts[1]))
    }
}
