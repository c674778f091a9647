import Foundation
import KlageKernel

/// The kernel's ``KlageKernel/KlageStore`` implemented once, in SQL both engines share, over any ``SQLDriver``.
///
/// ```swift
/// let store = SQLKlageStore(driver: try SQLiteDriver(path: "data/klage.sqlite"))
/// try await store.migrate()
/// ```
public struct SQLKlageStore: Sendable {
    /// The engine underneath.
    public let driver: any SQLDriver

    public init(driver: any SQLDriver) {
        self.driver = driver
    }

    /// Applies pending migrations.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await Migrator().migrate(driver)
    }

    /// A read transaction whose storage errors become kernel errors.
    func read<T: Sendable>(_ tenant: TenantID?, _ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        do {
            return try await driver.read(tenant: tenant, body)
        } catch let error as StorageError {
            throw Self.kernelError(error)
        }
    }

    /// A write transaction whose storage errors become kernel errors.
    func write<T: Sendable>(_ tenant: TenantID?, _ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        do {
            return try await driver.write(tenant: tenant, body)
        } catch let error as StorageError {
            throw Self.kernelError(error)
        }
    }

    static func kernelError(_ error: StorageError) -> KlageError {
        switch error.code {
        case .constraint: KlageError.conflict("the change conflicts with stored data")
        case .unavailable: KlageError.unavailable()
        default: KlageError.internalError()
        }
    }

    /// Appends events inside a transaction.
    static func insert(_ events: [DomainEvent], on connection: any SQLConnection) throws {
        for event in events {
            try connection.execute("""
                INSERT INTO events (tenant_id, id, complaint_id, learning_item_id, at, type, actor, summary, data)
                VALUES (\(event.tenant), \(event.id), \(event.complaintId), \(event.learningItemId), \(event.at),
                        \(event.type.rawValue), \(event.actor), \(event.summary), \(try RowJSON.text(event.data)))
                """)
        }
    }

    /// After a compare-and-swap `UPDATE` changed no row: not found when the row is gone, else a stale version.
    static func explainFailedUpdate(
        table: String, what: String, tenant: TenantID, id: String, expectedVersion: Int, on connection: any SQLConnection
    ) throws -> Never {
        guard let row = try connection.queryFirst("SELECT version FROM \(unsafeRaw: table) WHERE tenant_id = \(tenant) AND id = \(id)") else {
            throw KlageError.notFound(what)
        }
        throw KlageError.staleVersion(expected: expectedVersion, current: try row.int("version"))
    }

    /// Turns rows fetched with one row too many into a page.
    static func page<Item>(_ items: [Item], limit: Int, id: (Item) -> String) -> Page<Item> {
        guard items.count > limit else { return Page(items: items, nextCursor: nil) }
        let kept = Array(items.prefix(limit))
        return Page(items: kept, nextCursor: kept.last.map { PageCursor.encode(after: id($0)) })
    }
}

extension SQLKlageStore: TenantStore {
    public func insertTenant(_ tenant: Tenant) async throws {
        let exists = try await write(nil) { connection -> Bool in
            if try connection.queryFirst("SELECT id FROM tenants WHERE id = \(tenant.id)") != nil { return true }
            try connection.execute("""
                INSERT INTO tenants (id, name, plugins, settings, created_at)
                VALUES (\(tenant.id), \(tenant.name), \(try RowJSON.text(tenant.plugins)), \(try RowJSON.text(tenant.settings)), \(tenant.createdAt))
                """)
            return false
        }
        if exists { throw KlageError.conflict("tenant '\(tenant.id)' exists already") }
    }

    public func updateTenant(_ tenant: Tenant) async throws {
        let plugins = try RowJSON.text(tenant.plugins)
        let settings = try RowJSON.text(tenant.settings)
        let changed = try await write(nil) { connection in
            try connection.execute("UPDATE tenants SET name = \(tenant.name), plugins = \(plugins), settings = \(settings) WHERE id = \(tenant.id)")
        }
        if changed == 0 { throw KlageError.notFound("tenant") }
    }

    public func tenant(_ id: TenantID) async throws -> Tenant? {
        try await read(nil) { connection in
            try connection.queryFirst("SELECT * FROM tenants WHERE id = \(id)").map(Self.tenant(from:))
        }
    }

    public func allTenants() async throws -> [Tenant] {
        try await read(nil) { connection in
            try connection.query("SELECT * FROM tenants ORDER BY id").map(Self.tenant(from:))
        }
    }

    static func tenant(from row: SQLRow) throws -> Tenant {
        Tenant(id: try row.value("id"), name: try row.string("name"), plugins: try row.json("plugins"),
               settings: try row.json("settings"), createdAt: try row.date("created_at"))
    }
}

extension SQLKlageStore: APIKeyStore {
    public func insertKey(_ key: APIKey) async throws {
        _ = try await write(key.tenant) { connection in
            try connection.execute("""
                INSERT INTO api_keys (id, tenant_id, role, label, hash, created_at, revoked_at)
                VALUES (\(key.id), \(key.tenant), \(key.role.rawValue), \(key.label), \(key.hash), \(key.createdAt), \(key.revokedAt))
                """)
        }
    }

    public func key(hash: String) async throws -> (key: APIKey, tenant: Tenant?)? {
        try await read(nil) { connection in
            guard let row = try connection.queryFirst("SELECT * FROM api_keys WHERE hash = \(hash)") else { return nil }
            let key = APIKey(id: try row.value("id"), tenant: row.optionalString("tenant_id").map { TenantID($0) },
                             role: try row.value("role"), label: try row.string("label"), hash: try row.string("hash"),
                             createdAt: try row.date("created_at"), revokedAt: row.optionalDate("revoked_at"))
            guard let tenantID = key.tenant else { return (key, nil) }
            let tenant = try connection.queryFirst("SELECT * FROM tenants WHERE id = \(tenantID)").map(Self.tenant(from:))
            return (key, tenant)
        }
    }

    public func revokeKey(_ id: APIKeyID, tenant: TenantID?, at date: Date) async throws -> Bool {
        try await write(tenant) { connection in
            let scope: SQL = tenant.map { "AND tenant_id = \($0)" } ?? ""
            return try connection.execute("UPDATE api_keys SET revoked_at = \(date) WHERE id = \(id) AND revoked_at IS NULL \(scope)") > 0
        }
    }
}
