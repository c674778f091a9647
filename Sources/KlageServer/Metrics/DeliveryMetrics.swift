import KlageDelivery
import Prometheus

/// Counts attempts at deliveries by channel (`hooks`, `webhook`) and outcome, in a request or by the
/// dispatcher, and the dispatcher's passes. The number of pending deliveries is not shown: it would cost
/// a query per scrape.
struct DeliveryMetrics: Sendable {
    /// One channel's counters.
    struct Channel: Sendable {
        let delivered: Counter
        let failed: Counter
        let givenUp: Counter
        let retried: Counter
    }

    private let channels: [String: Channel]
    let dispatcherRuns: Counter
    let dispatcherFailures: Counter

    init(registry: PrometheusCollectorRegistry, channels names: [String] = [HookChannel.name, WebhookChannel.name]) {
        func counter(_ name: String, _ channel: String, _ help: String) -> Counter {
            registry.makeCounter(descriptor: .klage("delivery", name, unit: "total", help: help), labels: [("channel", channel)])
        }
        channels = Dictionary(
            uniqueKeysWithValues: names.map { name in
                (
                    name,
                    Channel(
                        delivered: counter("delivered", name, "Attempts after which the delivery was done, by channel."),
                        failed: counter("failed", name, "Attempts that failed (retried later, or given up), by channel."),
                        givenUp: counter("given_up", name, "Deliveries given up after their last attempt failed, by channel."),
                        retried: counter("retried", name, "Attempts after the first (by the dispatcher, or retried by hand), by channel."))
                )
            })
        dispatcherRuns = registry.makeCounter(
            descriptor: .klage("delivery", "dispatcher_runs", unit: "total", help: "Passes of this instance's delivery dispatcher."))
        dispatcherFailures = registry.makeCounter(
            descriptor: .klage("delivery", "dispatcher_failures", unit: "total", help: "Passes of one delivery lane that failed."))
    }

    /// One attempt recorded: `delivery` as it stands after it.
    func attempted(_ delivery: Delivery) {
        guard let channel = channels[delivery.channel] else { return }
        if delivery.attempts > 1 { channel.retried.increment() }
        switch delivery.state {
        case .delivered: channel.delivered.increment()
        case .pending: channel.failed.increment()
        case .failed:
            channel.failed.increment()
            channel.givenUp.increment()
        }
    }

    /// One dispatcher pass, failed or not.
    func dispatched(failed: Bool) {
        if failed { dispatcherFailures.increment() } else { dispatcherRuns.increment() }
    }
}
