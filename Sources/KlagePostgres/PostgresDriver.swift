public import KlageKernel
public import KlageStorage

/// The PostgreSQL engine over libpq: a bounded connection pool, prepared statements with bound
/// parameters only, and row-level security as a second wall around every tenant's rows.
///
/// Each tenant-scoped transaction runs as the database's application role, `klage_app_<16 hex digits>`
/// (no table ownership, no BYPASSRLS, one per database so two Klage databases of a cluster never share it), with
/// `klage.tenant` set by `set_config(…, true)`, the parameterised form of `SET LOCAL`; the policies of
/// migration 2 then hide every other tenant's rows even from a query that forgot its filter.
///
/// ```swift
/// let driver = try await PostgresDriver.connect(url: "postgres://klage@localhost/klage")
/// ```
public final class PostgresDriver: SQLDriver {
    public let dialect = SQLDialect.postgres
    private let pool: PostgresPool
    /// Commits each tenant's concurrent writes together.
    private let groupWriter: PostgresGroupWriter
    /// The role tenant-scoped transactions take in this database; migrations grant to it.
    public let applicationRole: String?

    private init(pool: PostgresPool, applicationRole: String?) {
        self.pool = pool
        self.groupWriter = PostgresGroupWriter(pool: pool)
        self.applicationRole = applicationRole
    }

    /// Connects, checking the URL and the credentials with a first connection.
    ///
    /// - Parameters:
    ///   - url: `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`, `postgresql://…`, or `?host=/socket/dir`.
    ///   - options: the pool's bounds and every connection's timeouts.
    /// - Throws: ``KlageStorage/StorageError`` (`unavailable`) saying whether the server refused the
    ///   connection, the credentials failed, or the database does not exist.
    public static func connect(url: String, options: PostgresOptions = PostgresOptions()) async throws -> PostgresDriver {
        let pool = PostgresPool(url: url, options: options)
        let role = try await pool.withConnection { connection in connection.applicationRole }
        return PostgresDriver(pool: pool, applicationRole: role)
    }

    public func read<T: Sendable>(tenant: TenantID?, _ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await pool.withConnection { connection in
            try connection.transaction(tenant: tenant?.rawValue, readOnly: true) { try body($0) }
        }
    }

    /// A tenant's write joins its concurrent writes in one transaction (``PostgresGroupWriter``); a write
    /// for no tenant (migrations, host administration) runs alone.
    public func write<T: Sendable>(tenant: TenantID?, _ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        if let tenant { return try await groupWriter.write(tenant: tenant.rawValue) { try body($0) } }
        return try await pool.withConnection { connection in
            try connection.transaction(tenant: tenant?.rawValue, readOnly: false) { try body($0) }
        }
    }

    /// Whether a tenant-scoped transaction works: the server answers and the application role can be taken.
    public func ping() async -> Bool {
        (try? await read(tenant: "-") { try $0.query("SELECT 1 AS ok").count == 1 }) ?? false
    }

    /// Callers waiting for a pooled connection now.
    public var waitingForConnection: Int { pool.waiting }

    /// The pool's connections open, in use and waited for, now (for metrics).
    public var poolStats: PostgresPoolStats { pool.stats }

    public func close() async {
        pool.close()
    }
}
