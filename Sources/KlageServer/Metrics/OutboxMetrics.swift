import KlageKernel
import Prometheus

/// Counts outbox attempts at plug-in hooks by outcome (in a request or by the dispatcher), and the
/// dispatcher's passes. The number of pending deliveries is not shown: it would cost a query per scrape.
struct OutboxMetrics: Sendable {
    let delivered: Counter
    let failed: Counter
    let dead: Counter
    let retried: Counter
    let dispatcherRuns: Counter
    let dispatcherFailures: Counter

    init(registry: PrometheusCollectorRegistry) {
        delivered = registry.makeCounter(
            descriptor: .klage("outbox", "delivered", unit: "total", help: "Outbox attempts after which every hook of the event had succeeded."))
        failed = registry.makeCounter(
            descriptor: .klage("outbox", "failed", unit: "total", help: "Outbox attempts in which a hook failed (retried later, or dead)."))
        dead = registry.makeCounter(
            descriptor: .klage("outbox", "dead", unit: "total", help: "Outbox deliveries given up after their last attempt failed."))
        retried = registry.makeCounter(
            descriptor: .klage("outbox", "retried", unit: "total", help: "Outbox attempts after the first (by the dispatcher or outbox.retry)."))
        dispatcherRuns = registry.makeCounter(
            descriptor: .klage("outbox", "dispatcher_runs", unit: "total", help: "Passes of this instance's outbox dispatcher."))
        dispatcherFailures = registry.makeCounter(
            descriptor: .klage("outbox", "dispatcher_failures", unit: "total", help: "Passes of the outbox dispatcher that failed."))
    }

    /// One attempt recorded: the delivery is now `state` after attempt number `attempts`.
    func attempted(_ state: OutboxState, attempts: Int) {
        if attempts > 1 { retried.increment() }
        switch state {
        case .done: delivered.increment()
        case .pending: failed.increment()
        case .dead:
            failed.increment()
            dead.increment()
        }
    }

    /// One dispatcher pass, failed or not.
    func dispatched(failed: Bool) {
        dispatcherRuns.increment()
        if failed { dispatcherFailures.increment() }
    }
}
