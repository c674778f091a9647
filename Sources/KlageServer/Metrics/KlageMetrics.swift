public import KlageStorage
public import Prometheus

/// One host's metrics, in its own Prometheus registry: what `GET /metrics` shows.
///
/// Every ``KlageHost`` has its own, so servers that share a process (as the tests do) each report
/// their own figures; nothing here depends on swift-metrics' global `MetricsSystem`. Calls, refusals
/// and the background services' work are counted as they happen (``RPCMetrics``, ``LoadMetrics``,
/// ``SchedulerMetrics``, ``DeliveryMetrics``); storage figures are read when scraped (``StorageMetrics``).
/// No label carries personal data, key material, or text a caller chose.
///
/// ```swift
/// let metrics = KlageMetrics(driver: driver)
/// let dispatcher = RPCDispatcher(registry: methods, keys: keys, logger: logger, observer: metrics.rpc(methods: methods.names))
/// let text = metrics.scrape(inFlight: 3)
/// ```
public final class KlageMetrics: Sendable {
    /// The registry every metric of this host is registered in.
    public let registry: PrometheusCollectorRegistry
    let load: LoadMetrics
    let scheduler: SchedulerMetrics
    let deliveries: DeliveryMetrics
    private let storage: StorageMetrics
    private let inFlight: Gauge

    /// A fresh registry with the load, scheduler, delivery and storage metrics; ``rpc(methods:)`` adds the calls'.
    ///
    /// - Parameter driver: the host's storage, whose pool (PostgreSQL) or writer (SQLite) is read at each scrape.
    public init(driver: any SQLDriver) {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        load = LoadMetrics(registry: registry)
        scheduler = SchedulerMetrics(registry: registry)
        deliveries = DeliveryMetrics(registry: registry)
        storage = StorageMetrics(driver: driver, registry: registry)
        inFlight = registry.makeGauge(descriptor: .klage("http", "requests_in_flight", help: "POST /rpc requests being served now."))
    }

    /// The dispatcher's observer, counting calls of `methods` (the method registry's names) and of any
    /// other name as `unknown`.
    func rpc(methods: [String]) -> RPCMetrics {
        RPCMetrics(registry: registry, methods: methods)
    }

    /// The metrics in the Prometheus text format (0.0.4), with storage figures read now.
    ///
    /// - Parameter requests: `POST /rpc` requests being served now.
    func scrape(inFlight requests: Int) -> [UInt8] {
        storage.update()
        inFlight.set(Int64(requests))
        return registry.emitToBuffer()
    }
}

extension MetricNameDescriptor {
    /// `klage_<subsystem>_<name>[_<unit>]`, with its help text.
    static func klage(_ subsystem: String, _ name: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "klage", subsystem: subsystem, metricName: name, unitName: unit, helpText: help)
    }
}
