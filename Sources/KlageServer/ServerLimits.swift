public import Foundation

/// Load and abuse limits: token buckets per key and per address, the cap on requests in flight, HTTP
/// timeouts, and the PostgreSQL pool's bounds and session timeouts.
///
/// The defaults are far above what a caseworker's client or a case system's integration sends; they
/// stop a runaway or hostile client before it takes other tenants' share. A rate of 0 turns that
/// bucket off, a timeout of 0 turns that timeout off. In the configuration file they sit under
/// `"limits"`; each also reads `KLAGE_` and its name in upper snake case from the environment
/// (`KLAGE_KEY_REQUESTS_PER_SECOND`).
///
/// ```json
/// { "limits": { "keyRequestsPerSecond": 100, "anonymousRequestsPerSecond": 10, "maxRequestsInFlight": 256 } }
/// ```
public struct ServerLimits: Sendable, Codable, Equatable {
    /// Requests a key may make per second, sustained (each batch element is one request).
    public var keyRequestsPerSecond = 100.0
    /// Requests a key may make at once after a quiet spell: the bucket's size.
    public var keyBurst = 1_000.0
    /// Requests per second from one client address without a valid key (stricter: no tenant pays for them).
    public var anonymousRequestsPerSecond = 10.0
    /// The burst from one address without a valid key.
    public var anonymousBurst = 50.0
    /// Failed credentials (unknown or revoked keys, unknown session cookies) one address may present per
    /// second, sustained; past its burst it is refused before any lookup in the database. 0 turns it off.
    public var failedCredentialsPerSecond = 1.0
    /// The failed credentials one address may present at once after a quiet spell.
    public var failedCredentialsBurst = 20.0
    /// Console sign-ins one address may attempt per second, sustained (0 turns the limit off).
    public var signInsPerSecond = 1.0
    /// The sign-ins one address may attempt at once after a quiet spell.
    public var signInBurst = 10.0
    /// What a `report.*` call costs, in requests (a `complaint.get` costs 1).
    public var reportCost = 20.0
    /// What a call asking for a page (`limit`) above 100 items costs on top of 1, per 100 items above 100.
    public var listCostPer100Items = 2.0
    /// Keys and addresses tracked at most; idle ones are forgotten first (a forgotten bucket is full).
    public var maxTrackedClients = 100_000
    /// HTTP requests served at once, host-wide; more are answered -32029 at once (HTTP 503).
    public var maxRequestsInFlight = 256
    /// Seconds an HTTP/1 connection may sit idle (also while a request's head arrives) before it is closed.
    public var httpIdleTimeoutSeconds = 60.0
    /// Seconds a request's body may take to arrive, from its head; a slower one loses its connection.
    public var httpRequestTimeoutSeconds = 30.0
    /// PostgreSQL connections in the pool.
    public var postgresPoolSize = 10
    /// SQLite read connections beside the one writer.
    public var sqliteReaders = 4
    /// Calls that may wait for a pooled connection; more are refused at once (-32603, retryable).
    public var postgresPoolWaiters = 100
    /// Seconds a call waits for a pooled connection before it is refused (-32603, retryable).
    public var postgresPoolWaitSeconds = 5.0
    /// libpq's `connect_timeout` in seconds.
    public var postgresConnectTimeoutSeconds = 5
    /// PostgreSQL's `statement_timeout` in seconds on every connection.
    public var postgresStatementTimeoutSeconds = 60.0
    /// PostgreSQL's `idle_in_transaction_session_timeout` in seconds on every connection.
    public var postgresIdleInTransactionTimeoutSeconds = 60.0

    public init() {}

    /// These limits with PostgreSQL's statement and idle-in-transaction timeouts off: for one-shot
    /// commands (`migrate`, `generate`, `copy`) whose bulk statements and long transactions are expected.
    public var forBulkWork: ServerLimits {
        var limits = self
        limits.postgresStatementTimeoutSeconds = 0
        limits.postgresIdleInTransactionTimeoutSeconds = 0
        return limits
    }

    /// The settings given as numbers, by name, for the file and the environment.
    private static let decimals: [(String, any WritableKeyPath<ServerLimits, Double> & Sendable)] = [
        ("keyRequestsPerSecond", \.keyRequestsPerSecond), ("keyBurst", \.keyBurst),
        ("anonymousRequestsPerSecond", \.anonymousRequestsPerSecond), ("anonymousBurst", \.anonymousBurst),
        ("failedCredentialsPerSecond", \.failedCredentialsPerSecond), ("failedCredentialsBurst", \.failedCredentialsBurst),
        ("signInsPerSecond", \.signInsPerSecond), ("signInBurst", \.signInBurst),
        ("reportCost", \.reportCost), ("listCostPer100Items", \.listCostPer100Items),
        ("httpIdleTimeoutSeconds", \.httpIdleTimeoutSeconds), ("httpRequestTimeoutSeconds", \.httpRequestTimeoutSeconds),
        ("postgresPoolWaitSeconds", \.postgresPoolWaitSeconds), ("postgresStatementTimeoutSeconds", \.postgresStatementTimeoutSeconds),
        ("postgresIdleInTransactionTimeoutSeconds", \.postgresIdleInTransactionTimeoutSeconds),
    ]
    private static let integers: [(String, any WritableKeyPath<ServerLimits, Int> & Sendable)] = [
        ("maxTrackedClients", \.maxTrackedClients), ("maxRequestsInFlight", \.maxRequestsInFlight),
        ("postgresPoolSize", \.postgresPoolSize), ("postgresPoolWaiters", \.postgresPoolWaiters),
        ("postgresConnectTimeoutSeconds", \.postgresConnectTimeoutSeconds), ("sqliteReaders", \.sqliteReaders),
    ]

    private struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for (name, path) in Self.decimals {
            if let value = try container.decodeIfPresent(Double.self, forKey: Key(stringValue: name)) { self[keyPath: path] = value }
        }
        for (name, path) in Self.integers {
            if let value = try container.decodeIfPresent(Int.self, forKey: Key(stringValue: name)) { self[keyPath: path] = value }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, path) in Self.decimals { try container.encode(self[keyPath: path], forKey: Key(stringValue: name)) }
        for (name, path) in Self.integers { try container.encode(self[keyPath: path], forKey: Key(stringValue: name)) }
    }

    /// `keyRequestsPerSecond` → `KLAGE_KEY_REQUESTS_PER_SECOND`.
    public static func environmentName(_ name: String) -> String {
        "KLAGE_"
            + name.reduce(into: "") { result, character in
                if character.isUppercase || (character.isNumber && !(result.last?.isNumber ?? true)) { result += "_" }
                result += character.uppercased()
            }
    }

    /// Overrides settings from `KLAGE_*` variables. - Throws: ``ConfigurationError`` for a value that is not a number.
    public mutating func apply(environment: [String: String]) throws {
        for (name, path) in Self.decimals {
            guard let text = environment[Self.environmentName(name)] else { continue }
            guard let value = Double(text) else { throw ConfigurationError(message: "\(Self.environmentName(name)) must be a number") }
            self[keyPath: path] = value
        }
        for (name, path) in Self.integers {
            guard let text = environment[Self.environmentName(name)] else { continue }
            guard let value = Int(text) else { throw ConfigurationError(message: "\(Self.environmentName(name)) must be a whole number") }
            self[keyPath: path] = value
        }
    }

    /// Checks ranges. - Throws: ``ConfigurationError``.
    public func validate() throws {
        for (name, path) in Self.decimals where !(self[keyPath: path] >= 0 && self[keyPath: path] < 1e9) {
            throw ConfigurationError(message: "limits.\(name) must be a number from 0 up")
        }
        if keyRequestsPerSecond > 0, keyBurst < 1 { throw ConfigurationError(message: "limits.keyBurst must be at least 1") }
        if anonymousRequestsPerSecond > 0, anonymousBurst < 1 { throw ConfigurationError(message: "limits.anonymousBurst must be at least 1") }
        if failedCredentialsPerSecond > 0, failedCredentialsBurst < 1 {
            throw ConfigurationError(message: "limits.failedCredentialsBurst must be at least 1")
        }
        guard (1_000...10_000_000).contains(maxTrackedClients) else {
            throw ConfigurationError(message: "limits.maxTrackedClients must be between 1,000 and 10,000,000")
        }
        guard (1...100_000).contains(maxRequestsInFlight) else {
            throw ConfigurationError(message: "limits.maxRequestsInFlight must be between 1 and 100,000")
        }
        guard (1...1_000).contains(postgresPoolSize) else { throw ConfigurationError(message: "limits.postgresPoolSize must be between 1 and 1,000") }
        guard (1...64).contains(sqliteReaders) else { throw ConfigurationError(message: "limits.sqliteReaders must be between 1 and 64") }
        guard (0...100_000).contains(postgresPoolWaiters) else {
            throw ConfigurationError(message: "limits.postgresPoolWaiters must be between 0 and 100,000")
        }
        guard (0...3_600).contains(postgresConnectTimeoutSeconds) else {
            throw ConfigurationError(message: "limits.postgresConnectTimeoutSeconds must be between 0 and 3600")
        }
    }
}
