import Foundation
import HummingbirdWebSocket
import KlageDelivery
import KlageKernel
import KlageRPC
import NIOWebSocket
import Synchronization

/// One `/rpc/ws` connection: answers JSON-RPC requests with the upgrade's key and runs its event
/// subscriptions.
///
/// `event.subscribe {after?, types?}` answers `{subscription, position}` and then sends each new event
/// of the key's tenant as a notification `{"method": "event", "params": {"subscription", "event"}}`, in
/// feed order, from `after` (or from the tenant's newest position). The events come from the host's
/// ``TenantEventHub``, which reads the shared database once per interval for all of a tenant's
/// subscribers, so a subscriber on one instance gets the events committed through any other.
/// `event.unsubscribe {subscription}` stops one.
///
/// Every message goes to the dispatcher as a body of `POST /rpc` does: parsed once, by the strict
/// ``KlageRPC/JSONParser`` (never Foundation's decoder, which traps on deep nesting), answered -32700
/// when it is not JSON, each request checked and admitted by the same rate limits; the two event methods
/// are methods as any other (``KlageRPC/RPCMethod``), which the session serves, in batches too. The connection is closed (1008, with the reason) when its key
/// is revoked (checked every five seconds), when it holds no subscription and has sent nothing (and been
/// answered nothing) for `integrations.socketIdleSeconds`, or when a subscription falls more than the hub's buffer behind.
final class EventSocketSession: Sendable {
    /// The most subscriptions one connection may hold.
    static let maxSubscriptions = 10

    let host: KlageHost
    let actor: Principal
    let tenant: Tenant
    let authorization: String
    /// The rate limits that `POST /rpc` applies, for every request of the connection.
    let admission: RPCAdmission
    let outbound: WebSocketOutboundWriter
    /// Closes the connection without a close handshake, for a client that does not read.
    private let drop: @Sendable () -> Void
    private let state = Mutex(State())

    /// The connection's subscriptions and when it last sent a message.
    private struct State {
        var next = 1
        /// Subscriptions answered (or about to be) and not started yet.
        var pending: [Pending] = []
        var subscriptions: [String: (subscription: EventSubscription, pump: Task<Void, Never>)] = [:]
        var lastMessage = ContinuousClock.now
        /// Whether a message is being answered: a connection waiting for its answer is not idle.
        var answering = false
    }

    /// A subscription reserved by `event.subscribe`, started once the answer is sent.
    private struct Pending {
        let name: String
        let after: Int
        let types: Set<EventType>?
    }

    init(
        host: KlageHost, actor: Principal, tenant: Tenant, authorization: String, admission: @escaping RPCAdmission,
        outbound: WebSocketOutboundWriter, drop: @escaping @Sendable () -> Void
    ) {
        self.host = host
        self.actor = actor
        self.tenant = tenant
        self.authorization = authorization
        self.admission = admission
        self.outbound = outbound
        self.drop = drop
    }

    /// Answers messages until the client closes, then stops every subscription. Rethrows what ended
    /// the inbound stream (such as a message over the size limit), so the connection closes with its code.
    func run(_ inbound: WebSocketInboundStream) async throws {
        let watchdog = Task { await watch() }
        defer {
            watchdog.cancel()
            let subscriptions = state.withLock { state in
                defer { state.subscriptions = [:] }
                return Array(state.subscriptions.values)
            }
            for (subscription, pump) in subscriptions {
                pump.cancel()
                subscription.cancel()
            }
        }
        let served = servedMethods
        for try await message in inbound.messages(maxSize: max(host.configuration.integrations.socketMessageBytes, 1024)) {
            state.withLock { $0.answering = true }
            // The quiet time counts from the answer: a subscription answered late under load is not idle.
            defer {
                state.withLock { state in
                    state.answering = false
                    state.lastMessage = .now
                }
            }
            guard case .text(let text) = message else {
                try await send(RPCError(code: -32700, message: "send JSON-RPC requests as text messages"), id: .null)
                continue
            }
            try await answer(Data(text.utf8), served: served)
        }
    }

    /// Answers one message through the dispatcher, which parses it once, strictly, checks, admits and
    /// authorises each request, and serves the event methods with ``subscribe(after:types:)`` and
    /// ``unsubscribe(_:)``; the subscriptions made start once their answers are sent, so their events follow them.
    private func answer(_ body: Data, served: [RPCMethod]) async throws {
        let reply = await host.dispatcher.reply(body: body, authorization: authorization, admission: admission, served: served)
        if let body = reply.body { try await write(body) }
        startPending()
    }

    /// `event.subscribe {after?, types?}` and `event.unsubscribe {subscription}`, for the roles that read the feed.
    private var servedMethods: [RPCMethod] {
        let after = Field<Double?>("after", .integer(min: 0, max: .max), "the position of the last event seen; the newest by default")
        let types = Field<[String]?>("types", .list(.text(max: 100), max: 50), "only these event types; all by default")
        let subscription = Field<String?>("subscription", .text(max: 20))
        return [
            RPCMethod(
                "event.subscribe", summary: "Sends the tenant's events from after on, as notifications.", roles: IntegrationMethods.feedRoles,
                params: [after, types]
            ) { [weak self] input, _ in
                guard let self else { throw RPCError.internalError }
                return try await subscribe(after: input[after], types: input[types])
            },
            RPCMethod(
                "event.unsubscribe", summary: "Stops a subscription; says whether it existed.", roles: IntegrationMethods.feedRoles,
                params: [subscription]
            ) { [weak self] input, _ in
                guard let self else { throw RPCError.internalError }
                return unsubscribe(input[subscription] ?? "")
            },
        ]
    }

    /// A subscription reserved, as `event.subscribe` answers.
    struct Subscribed: WireSample {
        let subscription: String
        let position: Int

        static let sample = Subscribed(subscription: "", position: 0)
    }

    /// `event.subscribe`: checks the request and reserves a subscription, which ``startPending()`` starts.
    private func subscribe(after given: Double?, types: [String]?) async throws -> Subscribed {
        if types?.isEmpty == true {
            throw RPCError.invalidParams(field: "types", reason: "must name at least one event type; leave it out for all")
        }
        let filter = try EventFeedService.eventTypes(types, field: "types")
        let after: Int
        if let given {
            guard let whole = Int(exactly: given), whole >= 0 else {
                throw RPCError.invalidParams(field: "after", reason: "must be a position (a whole number, 0 or more)")
            }
            after = whole
        } else {
            after = try await host.integrations.feed.head(tenant: tenant.id)
        }
        let name: String? = state.withLock { state in
            guard state.subscriptions.count + state.pending.count < Self.maxSubscriptions else { return nil }
            defer { state.next += 1 }
            let name = "s\(state.next)"
            state.pending.append(Pending(name: name, after: after, types: filter.map(Set.init)))
            return name
        }
        guard let name else { throw RPCError(code: -32022, message: "at most \(Self.maxSubscriptions) subscriptions per connection") }
        return Subscribed(subscription: name, position: after)
    }

    /// `event.unsubscribe`: stops one; answers whether it existed.
    private func unsubscribe(_ name: String) -> Bool {
        let (live, pending) = state.withLock { state in
            let pending = state.pending.firstIndex { $0.name == name }.map { state.pending.remove(at: $0) }
            return (state.subscriptions.removeValue(forKey: name), pending)
        }
        live?.pump.cancel()
        live?.subscription.cancel()
        return live != nil || pending != nil
    }

    /// Starts the subscriptions reserved by the message just answered.
    private func startPending() {
        let pending = state.withLock { state in
            defer { state.pending = [] }
            return state.pending
        }
        for reserved in pending {
            let subscription = host.integrations.stream.subscribe(tenant: tenant.id, after: reserved.after, types: reserved.types)
            let pump = Task { await forward(subscription, as: reserved.name) }
            state.withLock { $0.subscriptions[reserved.name] = (subscription, pump) }
        }
    }

    /// Sends the subscription's events as they come; closes the connection if it fell too far behind.
    private func forward(_ subscription: EventSubscription, as name: String) async {
        for await event in subscription.events {
            let notification = Notification(params: .init(subscription: name, event: event))
            guard let data = try? Self.encoder.encode(notification), (try? await write(data)) != nil else { break }
        }
        subscription.cancel()
        if subscription.overflowed {
            close(reason: "too slow: more than \(host.integrations.stream.bufferSize) events waiting for subscription \(name)", force: true)
        }
    }

    /// Closes the connection when its key is revoked or its tenant is gone, when a subscription fell
    /// too far behind (its pump may be stuck writing to a client that reads nothing), or when it is
    /// idle: no subscription, and no message for `integrations.socketIdleSeconds`.
    private func watch() async {
        let idle = Duration.milliseconds(Int64(max(host.configuration.integrations.socketIdleSeconds, 0.05) * 1000))
        let tick = min(Duration.seconds(1), idle / 4)
        var keyChecked = ContinuousClock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: tick)
            if Task.isCancelled { return }
            let (held, quiet, behind) = state.withLock { state in
                (
                    !state.subscriptions.isEmpty || state.answering, ContinuousClock.now - state.lastMessage,
                    state.subscriptions.first { $0.value.subscription.overflowed }?.key
                )
            }
            if let behind {
                return close(
                    reason: "too slow: more than \(host.integrations.stream.bufferSize) events waiting for subscription \(behind)", force: true)
            }
            if !held, quiet >= idle {
                let seconds = host.configuration.integrations.socketIdleSeconds
                return close(
                    reason: "idle: no message and no subscription for \(seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)) s")
            }
            guard ContinuousClock.now - keyChecked >= .seconds(5) else { continue }
            keyChecked = .now
            if (try? await host.services.keys.authenticate(String(authorization.dropFirst(7)))) == nil {
                return close(reason: "the key is no longer valid")
            }
        }
    }

    /// Closes the connection with 1008 and `reason`; `force` drops it after two seconds if the client
    /// does not take the close frame (it reads nothing).
    private func close(reason: String, force: Bool = false) {
        let outbound = self.outbound
        let closing = Task { try? await outbound.close(.policyViolation, reason: String(reason.utf8.prefix(120)) ?? "closed") }
        guard force else { return }
        let drop = self.drop
        Task {
            try? await Task.sleep(for: .seconds(2))
            closing.cancel()
            drop()
        }
    }

    private func send(_ error: RPCError, id: JSONValue) async throws {
        var object: [String: JSONValue] = ["code": .number(Double(error.code)), "message": .string(error.message)]
        if let data = error.data { object["data"] = data }
        try await write(["jsonrpc": "2.0", "id": id, "error": .object(object)])
    }

    private func write(_ value: JSONValue) async throws {
        try await write(try Self.encoder.encode(value))
    }

    private func write(_ data: Data) async throws {
        try await outbound.writeTextMessage(String(decoding: data, as: UTF8.self))
    }

    /// An event notification.
    private struct Notification: Encodable {
        struct Params: Encodable {
            let subscription: String
            let event: FeedEvent
        }
        let jsonrpc = "2.0"
        let method = "event"
        let params: Params
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()
}
