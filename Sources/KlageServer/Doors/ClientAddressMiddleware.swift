import HTTPTypes
import Hummingbird

/// Sets each request's ``KlageRequestContext/clientAddress`` from a trusted proxy's `X-Forwarded-For`
/// (see ``ClientAddress``), before any route or limit reads it.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = KlageRequestContext

    let resolver: ClientAddress

    /// `X-Forwarded-For`.
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !resolver.trusted.isEmpty else { return try await next(request, context) }
        var context = context
        let peer = context.channel.remoteAddress?.ipAddress
        context.viaTrustedProxy = resolver.isTrusted(peer.flatMap { IPAddress($0) })
        context.clientAddress = resolver.client(peer: peer, forwardedFor: request.headers[values: Self.forwardedFor])
        return try await next(request, context)
    }
}
