import Foundation
import HTTPTypes
import Hummingbird

/// How a request reached the server: over TLS directly, or through a trusted proxy that says so.
///
/// This listener speaks plain HTTP, so a request counts as having come over TLS only when its scheme
/// is `https`, or when the connection comes from one of the configured trusted proxies
/// (``ServerConfiguration/trustedProxies``) and that proxy set `X-Forwarded-Proto: https`. A client
/// that is not a trusted proxy cannot claim TLS by sending the header itself.
enum RequestTransport {
    /// `X-Forwarded-Proto`, set by a TLS-terminating proxy.
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    /// Whether `request` came over TLS. `trustAnyForwardedProto` (the console's legacy
    /// `KLAGE_CONSOLE_TRUST_FORWARDED_PROTO`) believes the header from any peer.
    static func cameOverTLS(_ request: Request, _ context: KlageRequestContext, trustAnyForwardedProto: Bool = false) -> Bool {
        if request.head.scheme == "https" { return true }
        guard context.viaTrustedProxy || trustAnyForwardedProto else { return false }
        return request.headers[forwardedProto]?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    /// Whether `host`, the address the server listens on, is reachable from this machine only.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
