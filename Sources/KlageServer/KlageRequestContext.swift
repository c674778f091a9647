import Hummingbird
import NIOCore

/// The request context of Klage's routes: Hummingbird's basics, plus the client's address (for the
/// per-address rate limit) and the connection (so a request too slow to arrive can lose it).
struct KlageRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's IP address, or `"unknown"`.
    let clientAddress: String
    /// The connection the request came on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        channel = source.channel
    }
}
