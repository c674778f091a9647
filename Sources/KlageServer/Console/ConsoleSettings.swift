public import Foundation

/// How long console sessions live, when the cookie is `Secure`, and whether any peer's `X-Forwarded-Proto` is believed.
///
/// The cookie is `Secure` over TLS (directly or through a trusted proxy, ``ServerConfiguration/trustedProxies``)
/// and, whatever the transport, whenever the server listens on an address other than loopback
/// (``alwaysSecure``).
///
/// Read from the environment: `KLAGE_CONSOLE_IDLE_MINUTES` (default 30), `KLAGE_CONSOLE_LIFETIME_HOURS`
/// (default 12), `KLAGE_CONSOLE_TRUST_FORWARDED_PROTO` (`1` behind a TLS-terminating proxy that sets it;
/// off by default, so a client cannot claim TLS it does not have).
public struct ConsoleSettings: Sendable, Equatable {
    /// A session unused this long ends.
    public var idleTimeout: TimeInterval = 30 * 60
    /// A session ends this long after sign-in, however used.
    public var lifetime: TimeInterval = 12 * 3600
    /// Whether `X-Forwarded-Proto: https` marks a request as having come over TLS (cookies get `Secure`).
    public var trustForwardedProto = false
    /// Whether the cookie gets `Secure` over plain HTTP too: set by ``ConsoleRoutes`` when the server
    /// listens on an address other than loopback (unless ``ServerConfiguration/insecureConsoleCookies``).
    public var alwaysSecure = false
    /// A session's last use is written at most this often (the idle timeout's resolution).
    public var touchInterval: TimeInterval = 60

    public init() {}

    /// These settings with ``alwaysSecure`` set to `alwaysSecure`.
    public func securing(alwaysSecure: Bool) -> ConsoleSettings {
        var settings = self
        settings.alwaysSecure = alwaysSecure
        return settings
    }

    /// Whether the cookie of a request that came over TLS (`overTLS`) or not gets `Secure`.
    public func secureCookie(overTLS: Bool) -> Bool {
        overTLS || alwaysSecure
    }

    /// Whether cookies are `Secure` even over plain HTTP for a server listening on `host`: yes unless
    /// it listens on loopback only, or `insecureOverride` (a lab's explicit choice) says no.
    public static func alwaysSecure(listeningOn host: String, insecureOverride: Bool) -> Bool {
        !RequestTransport.isLoopback(host) && !insecureOverride
    }

    /// The start-up warning, logged as critical, when a lab turned `Secure` off on an address other than loopback.
    public static func insecureCookieWarning(listeningOn host: String, insecureOverride: Bool) -> String? {
        guard insecureOverride, !RequestTransport.isLoopback(host) else { return nil }
        return "INSECURE: the console cookie is sent without Secure although the server listens on \(host), not loopback "
            + "(KLAGE_CONSOLE_INSECURE_COOKIES): a session can leak over plain HTTP; for labs only"
    }

    /// The settings of `environment` (the process's by default).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ConsoleSettings {
        var settings = ConsoleSettings()
        if let minutes = environment["KLAGE_CONSOLE_IDLE_MINUTES"].flatMap(Double.init), minutes > 0 { settings.idleTimeout = minutes * 60 }
        if let hours = environment["KLAGE_CONSOLE_LIFETIME_HOURS"].flatMap(Double.init), hours > 0 { settings.lifetime = hours * 3600 }
        settings.trustForwardedProto = ["1", "true", "yes"].contains(environment["KLAGE_CONSOLE_TRUST_FORWARDED_PROTO"]?.lowercased() ?? "")
        settings.touchInterval = min(settings.touchInterval, settings.idleTimeout / 4)
        return settings
    }
}
