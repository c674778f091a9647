import KlageDelivery
import KlageKernel

/// The state of a plug-in hook delivery in the words of the `outbox.*` methods.
public enum OutboxState: String, Sendable, Codable, CaseIterable {
    case pending, done, dead

    /// The one table's state it names: `done` (every hook succeeded) is `delivered`, `dead` (given up
    /// after every retry) is `failed`.
    var deliveryState: DeliveryState {
        switch self {
        case .pending: .pending
        case .done: .delivered
        case .dead: .failed
        }
    }
}

/// The schema of one outbox delivery, as `outbox.list` and `outbox.retry` return it.
let outboxDeliverySchema = RPCSchema.object(
    [
        "tenant": .string, "eventId": .string, "eventType": .string, "state": .oneOf(OutboxState.allCases.map(\.rawValue)),
        "doneHooks": .array(.string), "attempts": .integer(minimum: 0), "nextAttemptAt": .dateTime, "lastError": .string,
        "createdAt": .dateTime, "updatedAt": .dateTime,
    ], required: ["tenant", "eventId", "eventType", "state", "doneHooks", "attempts", "nextAttemptAt", "createdAt", "updatedAt"])

/// `outbox.list`: the plug-in hook deliveries in a state (dead by default), for operators.
public enum OutboxList: RPCMethod {
    public struct Params: Decodable, Sendable {
        let state: OutboxState?
        let tenant: TenantID?
        let limit: Int?
        let cursor: String?
    }
    public typealias Result = PageView<DeliveryView>
    public static let name = "outbox.list"
    public static let summary =
        "The deliveries of plug-in hooks in a state (dead by default: given up after every retry), oldest event first; lastError never holds personal data."
    public static let access = RPCAccess.hostOperator
    public static let params = [
        RPCParam("state", .oneOf(OutboxState.allCases.map(\.rawValue)), "dead (default), pending or done"), RPCParam("tenant", .string),
        RPCParam("limit", .integer(minimum: 1, maximum: 500)), RPCParam("cursor", .string),
    ]
    public static let result = RPCSchema.object(
        ["items": .array(outboxDeliverySchema), "nextCursor": .nullable(.string)], required: ["items", "nextCursor"])
}

/// `outbox.retry`: runs a dead (or pending) delivery again now, with a fresh count of attempts.
public enum OutboxRetry: RPCMethod {
    public struct Params: Decodable, Sendable {
        let tenant: TenantID
        let eventId: EventID
    }
    public typealias Result = DeliveryView
    public static let name = "outbox.retry"
    public static let summary = "Runs the plug-in hooks of a dead or pending delivery again now; returns the delivery after that attempt."
    public static let access = RPCAccess.hostOperator
    public static let params = [RPCParam("tenant", .string, required: true), RPCParam("eventId", .string, required: true)]
    public static let result = outboxDeliverySchema
}

extension IntegrationMethods {
    static func registerOutboxMethods(into builder: inout RPCMethodRegistry.Builder, deliveries: DeliveryEngine) {
        builder.register(OutboxList.self) { params, _ in
            PageView(
                try await deliveries.ledger.list(
                    DeliveryQuery(
                        channel: HookChannel.name, tenant: params.tenant, state: (params.state ?? .dead).deliveryState,
                        after: try DeliveryCursor.decode(params.cursor), limit: params.limit ?? 50)))
        }
        builder.register(OutboxRetry.self) { params, _ in
            DeliveryView(
                delivery: try await deliveries.retryNow(
                    DeliveryKey(channel: HookChannel.name, target: "", eventId: params.eventId), tenant: params.tenant))
        }
    }
}
