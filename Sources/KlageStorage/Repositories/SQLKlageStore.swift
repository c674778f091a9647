public import Foundation
import KlageDelivery
public import KlageKernel

/// The kernel's ``KlageKernel/KlageStore`` implemented once, in SQL both engines share, over any ``SQLDriver``.
///
/// ```swift
/// let store = SQLKlageStore(driver: try SQLiteDriver(path: "data/klage.sqlite"))
/// try await store.migrate()
/// ```
public struct SQLKlageStore: Sendable {
    /// The engine underneath.
    public let driver: any SQLDriver
    /// Which stored events get a delivery to their plug-in hooks.
    public let hooks: HookRouting
    /// Keys looked up in the last half second (``KeyCache``).
    let keyCache = KeyCache()
    /// Concurrent lookups of one key hash, sharing one read.
    let keyLookups = KeyLookups()
    /// When this process last wrote each key's use (``KeyUseThrottle``).
    let keyUses = KeyUseThrottle()
    /// Complaint reads of one tenant written together (``ReadBatcher``).
    let readBatcher = ReadBatcher()

    public init(driver: any SQLDriver, hooks: HookRouting = .none) {
        self.driver = driver
        self.hooks = hooks
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

    /// Appends events inside a transaction: each hooked one with its hook delivery, and each new one to its
    /// tenant's audit chain.
    ///
    /// An event already stored is left as it is, with its row: a plug-in hook that runs again for the
    /// same delivery appends events with the same ids (``KlageKernel/DerivedIDs``).
    func insert(_ events: [DomainEvent], on connection: any SQLConnection) throws {
        try insert(try PreparedEvents(events), on: connection)
    }

    /// Appends events made ready before the transaction (``PreparedEvents``): the same as
    /// ``insert(_:on:)``, with the encoding and hashing done off the single writer.
    ///
    /// With `allNew`, the caller knows none of them can be stored already (they are a complaint's that
    /// this transaction created): their rows are sent without waiting for an answer, and a taken id fails
    /// the write.
    func insert(_ prepared: PreparedEvents, allNew: Bool = false, on connection: any SQLConnection) throws {
        var stored = prepared.events
        var links = prepared.links
        if allNew {
            for statement in prepared.inserts { try connection.send(statement) }
        } else {
            var inserted = Set<String>()
            for statement in prepared.insertsAnsweringNew {
                for row in try connection.query(statement) { inserted.insert(try row.string("id")) }
            }
            if inserted.count < prepared.events.count {
                stored = []
                links = []
                for (index, event) in prepared.events.enumerated() where inserted.contains(event.id.rawValue) {
                    stored.append(event)
                    links.append(prepared.links[index])
                }
            }
        }
        try AuditChain.append(links, of: stored, on: connection)
        // After the chain's head is read, so that these go with the write's last message.
        for event in stored where hooks.hookedEvents.contains(event.type) {
            try connection.send(try .insert(Delivery.hooks(of: event, policy: hooks.policy)) + " ON CONFLICT DO NOTHING")
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

/// Tenants are written in host transactions, each change recorded on the host's audit chain with it.
extension SQLKlageStore: TenantStore {
    public func insertTenant(_ tenant: Tenant, by actor: String) async throws {
        let content = try HostAuditChain.content(of: tenant)
        let exists = try await write(nil) { connection -> Bool in
            if try connection.queryFirst("SELECT id FROM tenants WHERE id = \(tenant.id)") != nil { return true }
            try connection.execute(try .insert(tenant))
            try HostAuditChain.append(
                .tenantCreated, reference: tenant.id.rawValue, actor: actor, at: tenant.createdAt, content: content, on: connection)
            return false
        }
        if exists { throw KlageError.conflict("tenant '\(tenant.id)' exists already") }
    }

    public func updateTenant(_ tenant: Tenant, by actor: String, at now: Date) async throws {
        let content = try HostAuditChain.content(of: tenant)
        let changed = try await write(nil) { connection in
            let changed = try connection.execute(try .update(tenant))
            if changed > 0 {
                try HostAuditChain.append(.tenantChanged, reference: tenant.id.rawValue, actor: actor, at: now, content: content, on: connection)
            }
            return changed
        }
        keyCache.removeAll()
        if changed == 0 { throw KlageError.notFound("tenant") }
    }

    /// Inserts a tenant as the host's configuration would (tests and tools that set up a store).
    public func insertTenant(_ tenant: Tenant) async throws {
        try await insertTenant(tenant, by: HostAuditEntry.configurationActor)
    }

    /// Replaces a tenant as the host's configuration would.
    public func updateTenant(_ tenant: Tenant) async throws {
        try await updateTenant(tenant, by: HostAuditEntry.configurationActor, at: Date())
    }

    public func tenant(_ id: TenantID) async throws -> Tenant? {
        try await read(nil) { connection in
            try connection.fetchOne(Tenant.self, SQL.select(Tenant.self) + " WHERE id = \(id)")
        }
    }

    public func allTenants() async throws -> [Tenant] {
        try await read(nil) { connection in
            try connection.fetchAll(Tenant.self, SQL.select(Tenant.self) + " ORDER BY id")
        }
    }

}
