/// The SQLite writer's group commits so far, for metrics: read at scrape time, never on a request's path.
///
/// Writes per commit over a period is the change in ``writes`` over the change in ``commits``.
///
/// ```swift
/// let stats = driver.writerStats
/// print(stats.commits, "commits,", stats.writes, "writes,", stats.queued, "waiting")
/// ```
public struct SQLiteWriterStats: Sendable, Equatable {
    /// Transactions committed since the driver opened (one fsync each).
    public var commits: Int
    /// Writes in those transactions (each in its own savepoint; one whose own savepoint failed counts too).
    public var writes: Int
    /// Writes queued for the next transaction now.
    public var queued: Int

    public init(commits: Int, writes: Int, queued: Int) {
        self.commits = commits
        self.writes = writes
        self.queued = queued
    }
}
