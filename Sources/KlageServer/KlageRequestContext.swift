import Hummingbird
import NIOCore

/// The request context of Klage's routes: Hummingbird's basics, plus the client's address (for the
/// per-address limits) and the connection (so a request too slow to arrive can lose it).
struct KlageRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's limit key: its IP address (IPv6 per /64), or `"unknown"`. The connection's peer
    /// until ``ClientAddressMiddleware`` has read `X-Forwarded-For` of a trusted proxy.
    var clientAddress: String
    /// Whether the connection comes from a trusted proxy, whose `X-Forwarded-Proto` is believed.
    var viaTrustedProxy = false
    /// The connection the request came on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress.flatMap { IPAddress($0)?.limitKey } ?? "unknown"
        channel = source.channel
    }
}
