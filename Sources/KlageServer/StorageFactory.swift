import KlagePostgres
import KlageSQLite
public import KlageStorage

/// Opens the storage engine a database URL names.
public enum StorageFactory {
    /// A driver for `url`; PostgreSQL's pool and session timeouts come from `limits`.
    ///
    /// - Throws: ``KlageStorage/StorageError`` when it cannot be opened.
    public static func open(_ url: DatabaseURL, limits: ServerLimits = ServerLimits()) async throws -> any SQLDriver {
        switch url {
        case .sqlite(let path):
            return try SQLiteDriver(path: path, readers: limits.sqliteReaders)
        case .postgres(let url):
            return try await PostgresDriver.connect(url: url, options: postgresOptions(limits))
        }
    }

    /// The PostgreSQL driver's options for `limits`.
    static func postgresOptions(_ limits: ServerLimits) -> PostgresOptions {
        var options = PostgresOptions()
        options.maxConnections = limits.postgresPoolSize
        options.maxWaiters = limits.postgresPoolWaiters
        options.acquireTimeoutSeconds = limits.postgresPoolWaitSeconds
        options.connectTimeoutSeconds = limits.postgresConnectTimeoutSeconds
        options.statementTimeoutSeconds = limits.postgresStatementTimeoutSeconds
        options.idleInTransactionTimeoutSeconds = limits.postgresIdleInTransactionTimeoutSeconds
        return options
    }
}
