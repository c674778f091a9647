import KlageRPC
import Prometheus

/// Counts JSON-RPC calls per method: requests, errors by code, and a latency histogram.
///
/// The `method` label is bounded: a name the method registry serves, or `unknown` for any other
/// (a caller cannot add series by inventing names). Error codes are the server's own, a small set.
/// Each served method's counter and histogram are made once, up front, so a call costs a dictionary
/// lookup, an atomic add and a histogram's lock; a failed call also looks up its error counter.
struct RPCMetrics: RPCObserver {
    /// The label of calls to a name no method has.
    static let unknown = "unknown"
    static let buckets: [Duration] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10].map {
        .nanoseconds(Int64(($0 * 1e9).rounded()))
    }
    static var requests: MetricNameDescriptor {
        .klage(
            "rpc", "requests", unit: "total", help: "JSON-RPC calls answered, by method (each batch element counts).")
    }
    static var errors: MetricNameDescriptor {
        .klage("rpc", "errors", unit: "total", help: "JSON-RPC calls answered with an error, by method and code.")
    }
    static var duration: MetricNameDescriptor { .klage("rpc", "duration", unit: "seconds", help: "Time to answer a JSON-RPC call, by method.") }

    /// One method's series.
    struct Method: Sendable {
        let name: String
        let requests: Counter
        let duration: DurationHistogram
    }

    private let registry: PrometheusCollectorRegistry
    private let methods: [String: Method]
    private let other: Method

    init(registry: PrometheusCollectorRegistry, methods names: [String]) {
        self.registry = registry
        func method(_ name: String) -> Method {
            Method(
                name: name, requests: registry.makeCounter(descriptor: Self.requests, labels: [("method", name)]),
                duration: registry.makeDurationHistogram(descriptor: Self.duration, labels: [("method", name)], buckets: Self.buckets))
        }
        methods = Dictionary(uniqueKeysWithValues: names.map { ($0, method($0)) })
        other = method(Self.unknown)
    }

    func callFinished(method: String, errorCode: Int?, duration: Duration) {
        let series = methods[method] ?? other
        series.requests.increment()
        series.duration.record(duration)
        if let errorCode {
            registry.makeCounter(descriptor: Self.errors, labels: [("method", series.name), ("code", String(errorCode))]).increment()
        }
    }
}
