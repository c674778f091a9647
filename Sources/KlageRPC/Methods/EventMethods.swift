public import KlageDelivery
public import KlageKernel

/// The schema of one feed event, as `event.list`, webhooks and `/rpc/ws` send it.
let feedEventSchema = RPCSchema.object(
    [
        "position": .integer(minimum: 1), "id": .string, "tenant": .string, "type": .string, "at": .dateTime, "complaintId": .string,
        "learningItemId": .string, "actor": .string, "summary": .string, "data": .anyObject,
    ], required: ["position", "id", "tenant", "type", "at", "actor", "summary", "data"])

/// `event.list`: the tenant's events in commit order, after a cursor that never skips a late commit.
public enum EventList: TenantMethod {
    public struct Params: Decodable, Sendable {
        let after: Int?
        let types: [String]?
        let limit: Int?
    }
    public typealias Result = FeedPage
    public static let name = "event.list"
    public static let summary =
        "The tenant's events in the order they committed, after a position; pass the answer's next as after to go on. An event committed late by a concurrent transaction is never skipped."
    public static let roles: Set<Role> = [.integration, .leader]
    public static let params = [
        RPCParam("after", .integer(minimum: 0), "the position of the last event seen; 0 (the default) for the start of the feed"),
        RPCParam("types", .array(.string), "only these event types (at most 50); all by default"),
        RPCParam("limit", .integer(minimum: 1, maximum: 1_000), "at most this many events; 100 by default"),
    ]
    public static let result = RPCSchema.object(
        ["events": .array(feedEventSchema), "next": .integer(minimum: 0)], required: ["events", "next"])
}

/// The integration methods: the event feed, webhooks and the deliveries, over the host's services for them.
public enum IntegrationMethods {
    /// Registers `event.list`, the `webhook.*` methods and the operators' `outbox.*` methods.
    public static func register(
        into builder: inout RPCMethodRegistry.Builder, feed: EventFeedService, webhooks: WebhookService, deliveries: DeliveryEngine
    ) {
        builder.register(EventList.self) { params, context in
            try await feed.list(tenant: context.tenant.id, after: params.after ?? 0, types: params.types, limit: params.limit ?? 100)
        }
        registerWebhookMethods(into: &builder, webhooks: webhooks)
        registerOutboxMethods(into: &builder, deliveries: deliveries)
    }
}
