import Prometheus

/// Counts the deadline scheduler's passes, its failed passes, and the warnings and misses it recorded.
struct SchedulerMetrics: Sendable {
    let runs: Counter
    let failures: Counter
    let deadlinesRecorded: Counter

    init(registry: PrometheusCollectorRegistry) {
        runs = registry.makeCounter(descriptor: .klage("scheduler", "runs", unit: "total", help: "Deadline checks run by this instance."))
        failures = registry.makeCounter(
            descriptor: .klage("scheduler", "failures", unit: "total", help: "Deadline checks that failed (storage unavailable)."))
        deadlinesRecorded = registry.makeCounter(
            descriptor: .klage(
                "scheduler", "deadlines_recorded", unit: "total", help: "Deadline warnings and misses recorded by this instance's checks."))
    }

    /// One pass that recorded `changed` warnings and misses, or failed.
    func ran(changed: Int?) {
        runs.increment()
        if let changed {
            deadlinesRecorded.increment(by: Int64(changed))
        } else {
            failures.increment()
        }
    }
}
