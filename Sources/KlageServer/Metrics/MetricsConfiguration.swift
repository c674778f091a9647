import Foundation

/// The `metrics` and `metricsToken` settings: whether `GET /metrics` is served, and the bearer token
/// it asks for. Read from the file, then `KLAGE_METRICS` and `KLAGE_METRICS_TOKEN`.
extension ServerConfiguration {
    /// The shortest `metricsToken` accepted.
    static let metricsTokenMinimum = 32

    /// Applies `KLAGE_METRICS` (`true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`) and a non-empty `KLAGE_METRICS_TOKEN`.
    ///
    /// - Throws: ``ConfigurationError`` when `KLAGE_METRICS` is neither.
    mutating func applyMetrics(environment: [String: String]) throws {
        if let value = environment["KLAGE_METRICS"] {
            switch value.lowercased() {
            case "true", "1", "yes", "on": metrics = true
            case "false", "0", "no", "off", "": metrics = false
            default: throw ConfigurationError(message: "KLAGE_METRICS must be true or false, not '\(value)'")
            }
        }
        if let token = environment["KLAGE_METRICS_TOKEN"], !token.isEmpty { metricsToken = token }
    }

    /// Checks the metrics settings.
    ///
    /// - Throws: ``ConfigurationError`` when a token is set while metrics are off, when the token is
    ///   short or not visible ASCII, or when metrics are on at an address other than loopback without a token.
    func validateMetrics() throws {
        if let token = metricsToken {
            guard metrics else {
                throw ConfigurationError(
                    message:
                        "metricsToken is set but metrics is off: set \"metrics\": true (or KLAGE_METRICS=true) to serve /metrics, or remove the token"
                )
            }
            guard token.count >= Self.metricsTokenMinimum, token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
                throw ConfigurationError(
                    message:
                        "metricsToken must be at least \(Self.metricsTokenMinimum) visible ASCII characters without spaces (make one with: openssl rand -hex 32)"
                )
            }
        } else if metrics, !Self.isLoopback(host) {
            throw ConfigurationError(
                message:
                    "metrics is on and the server listens on \(host), not only on loopback: set metricsToken (or KLAGE_METRICS_TOKEN) so that only your Prometheus can read /metrics"
            )
        }
    }

    /// Whether `host` is reachable from this machine only.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
