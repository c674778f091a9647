import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import KlageKernel
import KlageRPC
import NIOCore
import NIOWebSocket

/// `/rpc/ws`: JSON-RPC 2.0 over WebSocket (and the console's live updates, ``ConsoleSocket``, through the same upgrade). The upgrade needs a tenant key in `Authorization: Bearer …`;
/// every text message is one JSON-RPC request (or batch) answered as `POST /rpc` would, with the same
/// key, plus `event.subscribe` and `event.unsubscribe` (see ``EventSocketSession``).
///
/// A key may hold `integrations.socketsPerKey` connections and a tenant's keys
/// `integrations.socketsPerTenant` together (``EventSocketLedger``); one more is upgraded and closed at
/// once with 1008 (policy violation) and the reason. A message may be `integrations.socketMessageBytes` long.
enum EventSocket {
    /// The path of the endpoint.
    static let path = "/rpc/ws"

    /// Hummingbird's HTTP/1 server with WebSocket upgrades at ``path`` for authenticated tenant keys;
    /// every other request is served by the router as before.
    /// Each request over a socket is admitted by the doors' limiter as a request over HTTP from the same
    /// client; the upgrade's key meets the same budget of failed credentials as `POST /rpc`.
    static func server(host: KlageHost, http1: HTTP1Channel.Configuration, doors: ServerDoors) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            FirstHeadDeadlineChannel(
                base: HTTP1WebSocketUpgradeChannel(
                    responder: responder,
                    configuration: .init(http1: http1, ws: .init(maxFrameSize: max(host.configuration.integrations.socketMessageBytes, 1024))),
                    shouldUpgrade: { request, channel, _ in try await shouldUpgrade(request, channel: channel, host: host, doors: doors) }),
                timeout: http1.idleTimeout)
        }
    }

    /// Upgrades `GET /rpc/ws` with a valid tenant key; leaves every other request to the router. The
    /// client is named as for the router's doors (a trusted proxy's `X-Forwarded-For`); a key from a
    /// client past its budget of failed credentials is not looked up, and an unknown key is charged to it.
    private static func shouldUpgrade(
        _ request: HTTPRequest, channel: any NIOCore.Channel, host: KlageHost, doors: ServerDoors
    ) async throws -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        if let console = try await ConsoleSocket.shouldUpgrade(request, channel: channel, host: host, doors: doors) { return console }
        guard request.method == .get, request.path?.split(separator: "?").first.map(String.init) == path,
            let authorization = request.headerFields[.authorization], authorization.hasPrefix("Bearer ")
        else { return .dontUpgrade }
        guard let client = doors.upgradeClient(presenting: authorization, request, channel: channel, host: host) else { return .dontUpgrade }
        let actor: Principal
        let tenant: Tenant
        do {
            let (found, itsTenant) = try await host.services.keys.authenticate(String(authorization.dropFirst(7)))
            guard let itsTenant else { return .dontUpgrade }
            (actor, tenant) = (found, itsTenant)
            doors.credentials.succeeded(authorization)
        } catch let error as KlageError where error.code == .unauthenticated {
            doors.credentials.failed(for: client)
            return .dontUpgrade
        } catch {
            return .dontUpgrade
        }
        let admission = host.metrics.load.counting(doors.limiter.admission(address: client))
        let ledger = host.integrations.sockets
        return .upgrade([:]) { inbound, outbound, _ in
            if let refusal = ledger.admit(key: actor.id, tenant: tenant.id) {
                try? await outbound.close(.policyViolation, reason: refusal)
                return
            }
            defer { ledger.release(key: actor.id, tenant: tenant.id) }
            let session = EventSocketSession(
                host: host, actor: actor, tenant: tenant, authorization: authorization, admission: admission, outbound: outbound,
                drop: { channel.close(promise: nil) })
            try await session.run(inbound)
        }
    }

    /// What a plain GET of ``path`` (no upgrade, or no valid key) answers.
    static func register(on router: Router<KlageRequestContext>) {
        router.get("rpc/ws") { _, _ -> Response in
            let body =
                #"{"jsonrpc":"2.0","id":null,"error":{"code":-32001,"message":"a WebSocket upgrade with a valid tenant key (Authorization: Bearer) is needed"}}"#
            return Response(
                status: .unauthorized, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
    }
}
