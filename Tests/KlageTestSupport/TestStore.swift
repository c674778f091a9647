public import Foundation
public import KlageKernel
import KlageRPC
import KlageSQLite
import KlageServer
public import KlageStorage

/// Runs `body` with a migrated store on a fresh database of `backend`, then closes it.
///
/// ```swift
/// @Test(arguments: StorageBackend.available)
/// func roundTrip(_ backend: StorageBackend) async throws {
///     try await withTestStore(backend) { store in … }
/// }
/// ```
public func withTestStore<T>(
    _ backend: StorageBackend, _ body: (SQLKlageStore) async throws -> T
) async throws -> T {
    let url = try backend.freshDatabaseURL()
    let store = try await openStore(url)
    do {
        let result = try await body(store)
        await store.driver.close()
        return result
    } catch {
        await store.driver.close()
        throw error
    }
}

/// Opens the store at `url` and applies `migrations` (every one by default).
///
/// A call waits up to two minutes for a pooled PostgreSQL connection (five seconds in a server): the
/// storage contract is tested here, and a machine loaded by the rest of the suite must not turn a
/// slow wait into a refusal. `PostgresLimitsTests` tests the refusal with its own short wait.
public func openStore(_ url: String, migrations: [Migration] = Schema.migrations) async throws -> SQLKlageStore {
    var limits = ServerLimits()
    limits.postgresPoolWaitSeconds = 120
    // One SQLite reader, not four (see `withTestServer`).
    limits.sqliteReaders = 1
    let driver = try await StorageFactory.open(try DatabaseURL(url), limits: limits)
    let store = SQLKlageStore(driver: driver)
    try await Migrator(migrations: migrations).migrate(store.driver)
    return store
}

/// Test fixtures: a tenant, actors and complaint drafts.
public enum Fixtures {
    /// A fixed instant: Wednesday 25 November 2026, 09:30 UTC.
    public static let monday = Timestamp.parse("2026-11-25T09:30:00Z")!

    /// A tenant with the `borgerkontakt` plug-in.
    public static func tenant(_ id: String = "kobenhavn", plugins: [String] = ["borgerkontakt"]) -> Tenant {
        Tenant(id: TenantID(id), name: "Test \(id)", plugins: plugins, createdAt: monday)
    }

    /// A caseworker of `tenant`.
    public static func caseworker(_ tenant: TenantID) -> Principal {
        Principal(id: "caseworker-\(tenant)", tenant: tenant, role: .caseworker, label: "caseworker")
    }

    /// A leader of `tenant`.
    public static func leader(_ tenant: TenantID) -> Principal {
        Principal(id: "leader-\(tenant)", tenant: tenant, role: .leader, label: "leader")
    }

    /// Params of a valid `complaint.create` for the Copenhagen dialogue workflow.
    public static let copenhagenComplaint: JSONValue = [
        "workflow": "borgerkontakt.dialogue", "channel": "phone", "subject": "Waiting for a walker",
        "description": "The citizen has waited nine weeks.", "citizen": ["name": "Jens Hansen", "phone": "+45 12345678"],
        "externalRef": "ESDH-2026-0001",
    ]

    /// A valid draft for the Copenhagen dialogue workflow.
    public static func draft(externalRef: String? = nil, receivedAt: Date? = nil) -> NewComplaint {
        NewComplaint(
            workflow: "borgerkontakt.dialogue", channel: .phone, subject: "Waiting for a walker",
            description: "The citizen has waited nine weeks.", citizen: Citizen(name: "Jens Hansen", phone: "+45 12345678"),
            receivedAt: receivedAt, externalRef: externalRef
        )
    }
}

extension Fixtures {
    /// The services' environment over `store`, hashing secrets as the server does.
    public static func environment(_ store: any KlageStore, registry: PluginRegistry, clock: any KlageClock = SystemClock()) -> ServiceEnvironment {
        ServiceEnvironment(store: store, registry: registry, clock: clock, hashSecret: APIKeyService.hash)
    }
}
