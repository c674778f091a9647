import Foundation
import HTTPTypes
import HummingbirdWebSocket
import KlageKernel
import KlageRPC
import KlageStorage
import Logging
import NIOCore
import NIOWebSocket

/// `/console/ws`: the console's live updates, so a new complaint or a missed clock appears in an open
/// queue, and a change in the open complaint, without a reload.
///
/// The upgrade needs a session cookie and an `Origin` of this server (a browser always sends one on a
/// WebSocket; another site's page is refused); a cookie that names no live session is closed at once
/// (1008) and counts against the client's budget of failed credentials. The first message must be
/// `{"csrf": "<the session's CSRF token>"}` within ten seconds, which only the console's own page
/// knows; the server then answers `{"jsonrpc":"2.0","method":"ready"}` and sends, for each of the
/// tenant's events, `{"jsonrpc":"2.0","method":"changed","params":{"type":…,"complaintId":…}}`, and
/// nothing else: no personal data and no event of a complaint the session may not see (need to know,
/// restriction). The client reads what changed through `/console/rpc`, where every read is logged.
///
/// The limits are those of `/rpc/ws`, in a ledger of their own (``KlageIntegrations/consoleSockets``), so
/// caseworkers' open pages never take a case system's place: a session's person (or key) holds at most
/// `integrations.socketsPerKey` sockets, a tenant `integrations.consoleSocketsPerTenant`; a message may
/// be `integrations.socketMessageBytes` long. The socket closes (1008) when the session ends (checked
/// every five seconds) or falls more than the hub's buffer behind.
enum ConsoleSocket {
    /// The path of the endpoint.
    static let path = "/console/ws"

    /// Upgrades `GET /console/ws` for a live session from this origin; `nil` for another path.
    static func shouldUpgrade(
        _ request: HTTPRequest, channel: any NIOCore.Channel, host: KlageHost, doors: ServerDoors
    ) async throws -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>>? {
        guard request.path?.split(separator: "?").first.map(String.init) == path else { return nil }
        // A browser sends one Origin, its page's; a page of another site is refused (its origin is not
        // this server's), and could not send the CSRF token anyway.
        let origins = request.headerFields[values: ConsoleHeaders.origin]
        guard request.method == .get, let authority = request.authority,
            origins.contains("http://" + authority) || origins.contains("https://" + authority),
            let token = ConsoleCookie.token(in: request.headerFields[.cookie])
        else { return .dontUpgrade }
        guard let client = doors.upgradeClient(presenting: token, request, channel: channel, host: host) else { return .dontUpgrade }
        let sessions = ConsoleSessions(store: host.store, keys: host.services.keys, settings: .fromEnvironment())
        let ledger = host.integrations.consoleSockets
        // The session is read once upgraded: the upgrade itself waits for no database, however busy it is.
        return .upgrade([:]) { inbound, outbound, _ in
            let session: ConsoleSessions.Session?
            do {
                session = try await sessions.session(token: token)
            } catch {
                host.logger.warning("console socket: the session could not be read", metadata: ["error": "\(type(of: error))"])
                try? await outbound.close(.unknown(1013), reason: "the session could not be read; try again")  // 1013: try again later
                return
            }
            guard let session else {
                doors.credentials.failed(for: client)
                try? await outbound.close(.policyViolation, reason: "sign in to the console")
                return
            }
            doors.credentials.succeeded(token)
            guard let identity = try? await sessions.identity(of: session) else {
                try? await outbound.close(.policyViolation, reason: "sign in to the console")
                return
            }
            let viewer = identity.actor ?? Principal(id: "console", tenant: identity.tenant.id, role: identity.role, label: identity.label)
            let holder = session.record.keyHash.map { "console-key:\($0)" } ?? viewer.id
            if let refusal = ledger.admit(key: holder, tenant: identity.tenant.id) {
                try? await outbound.close(.policyViolation, reason: refusal)
                return
            }
            defer { ledger.release(key: holder, tenant: identity.tenant.id) }
            let live = ConsoleSocketSession(
                host: host, sessions: sessions, session: session, visibility: ComplaintVisibility(viewer, in: identity.tenant),
                tenant: identity.tenant.id, outbound: outbound)
            try await live.run(inbound)
        }
    }

    /// What a plain GET of ``path`` (no upgrade, no session, another origin) answers.
    static func refusal() -> (status: HTTPResponse.Status, body: String) {
        (.unauthorized, #"{"error":"a WebSocket upgrade from the console's page, with its session, is needed"}"#)
    }
}
