public import KlageKernel

/// A connection inside a transaction: run statements with bound parameters.
///
/// Calls block; drivers run them off Swift's cooperative pool.
public protocol SQLConnection {
    /// Runs a statement and returns how many rows it changed.
    @discardableResult
    func execute(_ sql: SQL) throws -> Int
    /// Runs a query and returns its rows.
    func query(_ sql: SQL) throws -> [SQLRow]
    /// Runs a statement whose changed-row count nobody reads. An engine may hold it and send it with the
    /// transaction's next message (PostgreSQL: with the next statement, the savepoint's release or the
    /// commit), saving a round trip; its failure then surfaces there, and fails the same write.
    func send(_ sql: SQL) throws
    /// The tenant's audit-chain head as this transaction last moved it (seq, hash), when the engine keeps
    /// it: the transaction holds the head's row lock, so no one else can have moved it since.
    func auditHead(of tenant: String) -> (seq: Int, hash: String)?
    /// Remembers the head this transaction moved the tenant's audit chain to.
    func rememberAuditHead(of tenant: String, seq: Int, hash: String)
}

extension SQLConnection {
    /// Runs the statement now, by default.
    public func send(_ sql: SQL) throws {
        try execute(sql)
    }

    /// Not kept, by default: every append reads the head.
    public func auditHead(of tenant: String) -> (seq: Int, hash: String)? { nil }
    public func rememberAuditHead(of tenant: String, seq: Int, hash: String) {}
}

/// The one small protocol a storage engine implements: transactions over connections.
///
/// Repositories are written once on top of it (see ``SQLKlageStore``). The `tenant` lets an engine
/// enforce tenancy a second time (PostgreSQL row-level security); it is `nil` for host-level work.
public protocol SQLDriver: Sendable {
    /// The engine's SQL differences.
    var dialect: SQLDialect { get }
    /// Runs `body` in a read-only transaction.
    func read<T: Sendable>(tenant: TenantID?, _ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T
    /// Runs `body` in a read-write transaction; it commits when `body` returns and rolls back when it throws.
    func write<T: Sendable>(tenant: TenantID?, _ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T
    /// Whether the database answers a trivial query now.
    func ping() async -> Bool
    /// Closes every connection.
    func close() async
    /// The role tenant-scoped transactions take, which migrations grant to (`klage_app` in their text);
    /// `nil` for an engine without roles.
    var applicationRole: String? { get }
}

extension SQLDriver {
    /// No roles, by default.
    public var applicationRole: String? { nil }
}

extension SQLConnection {
    /// The first row of a query, or `nil`.
    public func queryFirst(_ sql: SQL) throws -> SQLRow? {
        try query(sql).first
    }
}
