import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket

/// The HTTP face of the integrations: the citizen's intake page (``IntakeRoutes``) and JSON-RPC over
/// WebSocket at `/rpc/ws` (``EventSocket``).
enum IntegrationRoutes {
    /// Adds the integrations' routes to the server's router.
    static func register(on router: Router<KlageRequestContext>, host: KlageHost, doors: ServerDoors) {
        IntakeRoutes.register(on: router, host: host, doors: doors)
        EventSocket.register(on: router)
    }

    /// The HTTP/1 server, upgrading `/rpc/ws` to WebSocket; the doors' limiter admits the requests sent over sockets.
    static func server(host: KlageHost, http1: HTTP1Channel.Configuration, doors: ServerDoors) -> HTTPServerBuilder {
        EventSocket.server(host: host, http1: http1, doors: doors)
    }
}
