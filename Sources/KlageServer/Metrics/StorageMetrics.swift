import KlagePostgres
import KlageSQLite
import KlageStorage
import Prometheus

/// The storage engine's figures, read from the driver at each scrape: for PostgreSQL the pool's
/// connections and waiters, for SQLite the writer's group commits and its queue. The drivers keep
/// plain counters and know nothing of Prometheus.
struct StorageMetrics: Sendable {
    private let read: @Sendable () -> Void

    init(driver: any SQLDriver, registry: PrometheusCollectorRegistry) {
        if let postgres = driver as? PostgresDriver {
            read = Self.postgres(postgres, registry: registry)
        } else if let sqlite = driver as? SQLiteDriver {
            read = Self.sqlite(sqlite, registry: registry)
        } else {
            read = {}
        }
    }

    /// Reads the driver's figures into the registry.
    func update() {
        read()
    }

    private static func postgres(_ driver: PostgresDriver, registry: PrometheusCollectorRegistry) -> @Sendable () -> Void {
        let size = registry.makeGauge(descriptor: .klage("postgres_pool", "connections_max", help: "PostgreSQL connections the pool opens at most."))
        let open = registry.makeGauge(descriptor: .klage("postgres_pool", "connections_open", help: "PostgreSQL connections open now."))
        let inUse = registry.makeGauge(
            descriptor: .klage("postgres_pool", "connections_in_use", help: "PostgreSQL connections lent to a call now."))
        let waiters = registry.makeGauge(descriptor: .klage("postgres_pool", "waiters", help: "Calls waiting for a PostgreSQL connection now."))
        let roundTrips = CounterMirror(
            registry.makeCounter(
                descriptor: .klage("postgres", "round_trips", unit: "total", help: "Messages sent to PostgreSQL and waited for.")))
        return {
            let stats = driver.poolStats
            size.set(Int64(stats.maxConnections))
            open.set(Int64(stats.open))
            inUse.set(Int64(stats.inUse))
            waiters.set(Int64(stats.waiters))
            roundTrips.sync(to: stats.roundTrips)
        }
    }

    private static func sqlite(_ driver: SQLiteDriver, registry: PrometheusCollectorRegistry) -> @Sendable () -> Void {
        let commits = CounterMirror(
            registry.makeCounter(descriptor: .klage("sqlite", "commits", unit: "total", help: "SQLite group commits (one fsync each).")))
        let writes = CounterMirror(
            registry.makeCounter(
                descriptor: .klage(
                    "sqlite", "committed_writes", unit: "total", help: "Writes in SQLite group commits; over commits_total: writes per commit.")))
        let queued = registry.makeGauge(
            descriptor: .klage("sqlite", "write_queue_depth", help: "Writes waiting for the next SQLite group commit now."))
        return {
            let stats = driver.writerStats
            commits.sync(to: stats.commits)
            writes.sync(to: stats.writes)
            queued.set(Int64(stats.queued))
        }
    }
}
