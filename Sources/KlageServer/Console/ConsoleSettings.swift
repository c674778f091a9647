public import Foundation

/// How long console sessions live, and whether the proxy's `X-Forwarded-Proto` is believed.
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
    /// A session's last use is written at most this often (the idle timeout's resolution).
    public var touchInterval: TimeInterval = 60

    public init() {}

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
