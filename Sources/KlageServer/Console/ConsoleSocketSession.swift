import Foundation
import HummingbirdWebSocket
import KlageDelivery
import KlageKernel
import KlageRPC
import KlageStorage
import Logging
import NIOWebSocket
import Synchronization

/// One `/console/ws` connection (see ``ConsoleSocket``): waits for the session's CSRF token, then tells
/// the page which of the tenant's complaints changed, for as long as the session lives.
final class ConsoleSocketSession: Sendable {
    /// How long the page has to send its CSRF token.
    static let greetingSeconds = 10.0
    /// Why a socket whose page sent no (or a wrong) token is closed.
    static let greetingNeeded = "send {\"csrf\": <the session's CSRF token>} first"
    /// How often the session is checked again.
    static let sessionCheck = Duration.seconds(5)

    let host: KlageHost
    let sessions: ConsoleSessions
    let session: ConsoleSessions.Session
    /// What the session's person (or key) may see: events of other complaints are not sent.
    let visibility: ComplaintVisibility
    let tenant: TenantID
    let outbound: WebSocketOutboundWriter
    private let greeted = Atomic<Bool>(false)

    init(
        host: KlageHost, sessions: ConsoleSessions, session: ConsoleSessions.Session, visibility: ComplaintVisibility, tenant: TenantID,
        outbound: WebSocketOutboundWriter
    ) {
        self.host = host
        self.sessions = sessions
        self.session = session
        self.visibility = visibility
        self.tenant = tenant
        self.outbound = outbound
    }

    /// Serves the connection until the client closes it, the session ends, or it falls behind.
    func run(_ inbound: WebSocketInboundStream) async throws {
        let watch = Task { await watchSession() }
        var pump: Task<Void, Never>?
        defer {
            watch.cancel()
            pump?.cancel()
        }
        for try await message in inbound.messages(maxSize: max(host.configuration.integrations.socketMessageBytes, 1024)) {
            guard !greeted.load(ordering: .acquiring) else { continue }  // the page has nothing more to say
            guard case .text(let text) = message, Self.csrf(in: text).map({ ConsoleSessions.equalInConstantTime($0, session.csrf) }) == true
            else {
                try? await outbound.close(.policyViolation, reason: Self.greetingNeeded)
                return
            }
            greeted.store(true, ordering: .releasing)
            let subscription = host.integrations.stream.subscribe(
                tenant: tenant, after: try await host.integrations.feed.head(tenant: tenant), types: nil)
            try await outbound.writeTextMessage(#"{"jsonrpc":"2.0","method":"ready"}"#)
            pump = Task { await forward(subscription) }
        }
    }

    /// The `csrf` of a greeting, `{"csrf": "…"}`, parsed strictly.
    static func csrf(in text: String) -> String? {
        guard case .object(let object)? = try? JSONParser(maximumDepth: 2).parse(Data(text.utf8)) else { return nil }
        return object["csrf"]?.stringValue
    }

    /// Sends a notification for each event the session may see; closes the socket when it fell behind.
    private func forward(_ subscription: EventSubscription) async {
        defer { subscription.cancel() }
        for await item in subscription.events {
            guard await shows(item.event), let line = Self.notification(item.event) else { continue }
            guard (try? await outbound.writeTextMessage(line)) != nil else { return }
        }
        if subscription.overflowed {
            close("too slow: more than \(host.integrations.stream.bufferSize) events waiting")
        }
    }

    /// Whether the event concerns a complaint the session may see (or none).
    private func shows(_ event: DomainEvent) async -> Bool {
        guard let id = event.complaintId else { return true }
        if visibility.includingRestricted && visibility.departments == nil { return true }
        guard let complaint = try? await host.store.complaint(id, tenant: tenant) else { return false }
        return visibility.shows(complaint)
    }

    /// `{"jsonrpc":"2.0","method":"changed","params":{"type":…,"complaintId":…}}`: what changed, without its content.
    static func notification(_ event: DomainEvent) -> String? {
        var params: [String: JSONValue] = ["type": .string(event.type.rawValue)]
        if let id = event.complaintId { params["complaintId"] = .string(id.rawValue) }
        let value: JSONValue = ["jsonrpc": "2.0", "method": "changed", "params": .object(params)]
        return (try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Closes the socket when the page sent no token in time, or the session has ended.
    private func watchSession() async {
        try? await Task.sleep(for: .seconds(Self.greetingSeconds))
        guard !Task.isCancelled else { return }
        guard greeted.load(ordering: .acquiring) else { return close(Self.greetingNeeded) }
        while !Task.isCancelled {
            // Read without touching: an open page is no use of the session, which still ends when idle.
            guard (try? await sessions.isLive(token: session.token)) != false else { return close("the session has ended") }
            try? await Task.sleep(for: Self.sessionCheck)
        }
    }

    /// Closes with 1008 and `reason` (logged: it holds no personal data).
    private func close(_ reason: String) {
        host.logger.info("console socket closed", metadata: ["reason": .string(reason)])
        let outbound = self.outbound
        Task { try? await outbound.close(.policyViolation, reason: reason) }
    }
}
