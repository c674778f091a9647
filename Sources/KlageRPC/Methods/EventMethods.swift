public import KlageDelivery
public import KlageKernel

/// The integration methods: the event feed, webhooks and the deliveries, over the host's services for them.
public enum IntegrationMethods {
    /// The roles that may read the event feed: `event.list`, and `event.subscribe` over WebSocket.
    public static let feedRoles: Set<Role> = [.integration, .leader]

    /// `event.list`, the `webhook.*` methods and the operators' `outbox.*` methods.
    public static func methods(feed: EventFeedService, webhooks: WebhookService, deliveries: DeliveryEngine) -> [RPCMethod] {
        [eventList(feed)] + webhookMethods(webhooks) + outboxMethods(deliveries)
    }

    /// Registers ``methods(feed:webhooks:deliveries:)``.
    public static func register(
        into builder: inout RPCMethodRegistry.Builder, feed: EventFeedService, webhooks: WebhookService, deliveries: DeliveryEngine
    ) {
        builder.register(methods(feed: feed, webhooks: webhooks, deliveries: deliveries))
    }

    /// `event.list`: the tenant's events in commit order, after a cursor that never skips a late commit.
    static func eventList(_ feed: EventFeedService) -> RPCMethod {
        let after = Field<Int?>(
            "after", .integer(min: 0, max: .max), "the position of the last event seen; 0 (the default) for the start of the feed")
        let types = Field<[String]?>("types", .list(.text(max: 100), max: 50), "only these event types (at most 50); all by default")
        let limit = Field<Int?>("limit", .integer(min: 1, max: 1_000), "at most this many events; 100 by default")
        return RPCMethod(
            "event.list",
            summary:
                "The tenant's events in the order they committed, after a position; pass the answer's next as after to go on. An event committed late by a concurrent transaction is never skipped.",
            roles: feedRoles, params: [after, types, limit]
        ) { input, context in
            // The feed is the whole tenant's: not for a person limited to their departments (need to know).
            guard ComplaintVisibility(context.actor, in: context.tenant).departments == nil else {
                throw KlageError.forbidden("the event feed holds every department's events; it is for integrations and leaders of the whole tenant")
            }
            return try await feed.list(tenant: context.tenant.id, after: input[after] ?? 0, types: input[types], limit: input[limit] ?? 100)
        }
    }
}
