import KlageRPC
import Prometheus

/// Counts requests refused for load before the dispatcher served them, by reason: a rate limit
/// (each batch element counts), the cap on requests in flight, a body over `maxBodyBytes`, or a credential
/// from an address past its budget of failed ones.
struct LoadMetrics: Sendable {
    static var refused: MetricNameDescriptor {
        .klage(
            "rpc", "refused", unit: "total",
            help:
                "Requests refused before they were served, by reason: rate_limit (per call), in_flight, body_too_large, failed_credentials (per HTTP request)."
        )
    }

    private let rateLimited: Counter
    private let inFlight: Counter
    private let bodyTooLarge: Counter
    private let failedCredentials: Counter

    init(registry: PrometheusCollectorRegistry) {
        rateLimited = registry.makeCounter(descriptor: Self.refused, labels: [("reason", "rate_limit")])
        inFlight = registry.makeCounter(descriptor: Self.refused, labels: [("reason", "in_flight")])
        bodyTooLarge = registry.makeCounter(descriptor: Self.refused, labels: [("reason", "body_too_large")])
        failedCredentials = registry.makeCounter(descriptor: Self.refused, labels: [("reason", "failed_credentials")])
    }

    /// A request refused from memory: its address presented too many unknown keys or sessions.
    func refusedFailedCredentials() {
        failedCredentials.increment()
    }

    /// A request refused at the cap on requests in flight.
    func refusedInFlight() {
        inFlight.increment()
    }

    /// A request refused for a body over `maxBodyBytes`.
    func refusedBodyTooLarge() {
        bodyTooLarge.increment()
    }

    /// `admission`, counting the calls it refuses.
    func counting(_ admission: @escaping RPCAdmission) -> RPCAdmission {
        { call in
            let refusal = admission(call)
            if refusal != nil { rateLimited.increment() }
            return refusal
        }
    }
}
