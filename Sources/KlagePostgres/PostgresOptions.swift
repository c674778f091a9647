/// How the PostgreSQL driver bounds its pool and its connections: how many connections, how many
/// callers may wait for one and for how long, and the timeouts set on every connection.
///
/// A timeout of 0 turns it off. The settings are applied to each connection when it is opened
/// (`connect_timeout` and TCP keepalives as libpq parameters, the statement timeouts by `SET`), so a
/// value given in the URL itself for `connect_timeout` or the keepalives wins over these.
///
/// ```swift
/// var options = PostgresOptions()
/// options.statementTimeoutSeconds = 5
/// let driver = try await PostgresDriver.connect(url: url, options: options)
/// ```
public struct PostgresOptions: Sendable, Equatable {
    /// The pool's bound: connections open at once.
    public var maxConnections = 10
    /// Callers that may wait for a connection while all are lent out; one more is refused at once.
    public var maxWaiters = 100
    /// How long a caller waits for a connection before it is refused (`unavailable`, retryable).
    public var acquireTimeoutSeconds = 5.0
    /// libpq's `connect_timeout`, in whole seconds (libpq's minimum is 2).
    public var connectTimeoutSeconds = 5
    /// Seconds of TCP silence before a keepalive probe (`keepalives_idle`); 0 turns keepalives off.
    public var keepaliveIdleSeconds = 30
    /// The server's `statement_timeout`: a statement running longer is cancelled.
    public var statementTimeoutSeconds = 60.0
    /// The server's `idle_in_transaction_session_timeout`: a session idle inside a transaction this long is ended.
    public var idleInTransactionTimeoutSeconds = 60.0

    public init() {}

    /// libpq connection parameters applied before the URL's own (so the URL's win).
    var connectionParameters: [(String, String)] {
        var parameters = [("connect_timeout", String(max(0, connectTimeoutSeconds)))]
        if keepaliveIdleSeconds > 0 {
            parameters += [
                ("keepalives", "1"), ("keepalives_idle", String(keepaliveIdleSeconds)), ("keepalives_interval", "10"),
                ("keepalives_count", "3"),
            ]
        } else {
            parameters.append(("keepalives", "0"))
        }
        return parameters
    }

    /// The `SET` statements run on every new connection, in milliseconds (0 is off on PostgreSQL too).
    var sessionSettings: String {
        "SET statement_timeout = \(Self.milliseconds(statementTimeoutSeconds)); "
            + "SET idle_in_transaction_session_timeout = \(Self.milliseconds(idleInTransactionTimeoutSeconds))"
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        seconds.isFinite && seconds > 0 ? max(1, Int((seconds * 1000).rounded())) : 0
    }
}
