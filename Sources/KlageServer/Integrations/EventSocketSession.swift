import Foundation
import HummingbirdWebSocket
import KlageKernel
import KlageRPC
import NIOWebSocket
import Synchronization

/// One `/rpc/ws` connection: answers JSON-RPC requests with the upgrade's key and runs its event
/// subscriptions.
///
/// `event.subscribe {after?, types?}` answers `{subscription, position}` and then sends each new event
/// of the key's tenant as a notification `{"method": "event", "params": {"subscription", "event"}}`, in
/// feed order, from `after` (or from the tenant's newest position). It reads the shared database, so a
/// subscriber on one instance gets the events committed through any other. `event.unsubscribe
/// {subscription}` stops one. The key is checked again every few seconds: a revoked key's connection closes.
final class EventSocketSession: Sendable {
    /// The most subscriptions one connection may hold.
    static let maxSubscriptions = 10

    let host: KlageHost
    let actor: Principal
    let tenant: Tenant
    let authorization: String
    /// The rate limits that `POST /rpc` applies, for the requests the dispatcher answers.
    let admission: RPCAdmission
    let outbound: WebSocketOutboundWriter
    private let subscriptions = Mutex<(next: Int, tasks: [String: Task<Void, Never>])>((1, [:]))

    init(
        host: KlageHost, actor: Principal, tenant: Tenant, authorization: String, admission: @escaping RPCAdmission,
        outbound: WebSocketOutboundWriter
    ) {
        self.host = host
        self.actor = actor
        self.tenant = tenant
        self.authorization = authorization
        self.admission = admission
        self.outbound = outbound
    }

    /// Answers messages until the client closes, then stops every subscription.
    func run(_ inbound: WebSocketInboundStream) async {
        let watchdog = Task { await watchKey() }
        do {
            for try await message in inbound.messages(maxSize: EventSocket.maxMessageBytes) {
                guard case .text(let text) = message else {
                    try await send(error: -32700, message: "send JSON-RPC requests as text messages", id: .null)
                    continue
                }
                try await answer(text)
            }
        } catch {
            // The connection went away; nothing to answer.
        }
        watchdog.cancel()
        let tasks = subscriptions.withLock { state in
            defer { state.tasks = [:] }
            return Array(state.tasks.values)
        }
        for task in tasks { task.cancel() }
    }

    /// Handles one message: the subscription methods here, everything else through the dispatcher.
    private func answer(_ text: String) async throws {
        let request = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        if let method = request?["method"]?.stringValue, method == "event.subscribe" || method == "event.unsubscribe", let request {
            let id = request["id"] ?? .null
            guard actor.holds(anyOf: EventList.roles) else { return try await send(error: -32003, message: "this role may not do that", id: id) }
            let params = request["params"] ?? [:]
            if method == "event.subscribe" {
                try await subscribe(params, id: id)
            } else {
                let name = params["subscription"]?.stringValue ?? ""
                let task = subscriptions.withLock { $0.tasks.removeValue(forKey: name) }
                task?.cancel()
                try await send(result: .bool(task != nil), id: id)
            }
            return
        }
        let reply = await host.dispatcher.reply(body: Data(text.utf8), authorization: authorization, admission: admission)
        if let body = reply.body { try await outbound.writeTextMessage(String(decoding: body, as: UTF8.self)) }
    }

    private func subscribe(_ params: JSONValue, id: JSONValue) async throws {
        let types: [String]?
        if let list = params["types"] {
            guard let values = list.arrayValue?.compactMap(\.stringValue), values.count == list.arrayValue?.count else {
                return try await send(error: -32602, message: "types must be an array of event type names", id: id)
            }
            types = values
        } else {
            types = nil
        }
        let after: Int
        do {
            _ = try EventFeedService.eventTypes(types, field: "types")
            if let given = params["after"] {
                guard let number = given.numberValue, let whole = Int(exactly: number), whole >= 0 else {
                    return try await send(error: -32602, message: "after must be a position (a whole number, 0 or more)", id: id)
                }
                after = whole
            } else {
                after = try await host.integrations.feed.head(tenant: tenant.id)
            }
        } catch let error as KlageError {
            return try await send(error: RPCError(error).code, message: error.message, id: id)
        }
        let name: String? = subscriptions.withLock { state in
            guard state.tasks.count < Self.maxSubscriptions else { return nil }
            defer { state.next += 1 }
            return "s\(state.next)"
        }
        guard let name else { return try await send(error: -32022, message: "at most \(Self.maxSubscriptions) subscriptions per connection", id: id) }
        try await send(result: ["subscription": .string(name), "position": .number(Double(after))], id: id)
        let task = Task { await pump(name, after: after, types: types) }
        subscriptions.withLock { $0.tasks[name] = task }
    }

    /// Sends the tenant's events after `after` as they commit, until cancelled.
    private func pump(_ name: String, after: Int, types: [String]?) async {
        let interval = Duration.milliseconds(Int64(max(host.configuration.integrations.streamIntervalSeconds, 0.01) * 1000))
        var cursor = after
        while !Task.isCancelled {
            do {
                let page = try await host.integrations.feed.list(tenant: tenant.id, after: cursor, types: types, limit: 500)
                for event in page.events {
                    let notification = Notification(params: .init(subscription: name, event: event))
                    try await outbound.writeTextMessage(String(decoding: try Self.encoder.encode(notification), as: UTF8.self))
                }
                cursor = page.next
                if page.events.count == 500 { continue }
            } catch is CancellationError {
                return
            } catch {
                // Storage is away for a moment, or the connection is closing: try again after the interval.
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// Closes the connection when its key is revoked or its tenant is gone.
    private func watchKey() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(5))
            if Task.isCancelled { return }
            if (try? await host.services.keys.authenticate(String(authorization.dropFirst(7)))) == nil {
                try? await outbound.close(.policyViolation, reason: "the key is no longer valid")
                return
            }
        }
    }

    private func send(result: JSONValue, id: JSONValue) async throws {
        try await write(["jsonrpc": "2.0", "id": id, "result": result])
    }

    private func send(error code: Int, message: String, id: JSONValue) async throws {
        try await write(["jsonrpc": "2.0", "id": id, "error": ["code": .number(Double(code)), "message": .string(message)]])
    }

    private func write(_ value: JSONValue) async throws {
        try await outbound.writeTextMessage(String(decoding: try Self.encoder.encode(value), as: UTF8.self))
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
