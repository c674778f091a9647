/// A moment's view of the PostgreSQL pool, for metrics: read at scrape time, never on a request's path.
///
/// ```swift
/// let stats = driver.poolStats
/// print(stats.inUse, "of", stats.maxConnections, "in use;", stats.waiters, "waiting")
/// ```
public struct PostgresPoolStats: Sendable, Equatable {
    /// The pool's size: connections it opens at most.
    public var maxConnections: Int
    /// Connections open now (or being opened), lent out or idle.
    public var open: Int
    /// Open connections lent out to a call now.
    public var inUse: Int
    /// Calls waiting for a connection now.
    public var waiters: Int
    /// Messages the process has sent PostgreSQL and waited for, since it started (every pool).
    public var roundTrips: Int

    public init(maxConnections: Int, open: Int, inUse: Int, waiters: Int, roundTrips: Int = 0) {
        self.maxConnections = maxConnections
        self.open = open
        self.inUse = inUse
        self.waiters = waiters
        self.roundTrips = roundTrips
    }
}
