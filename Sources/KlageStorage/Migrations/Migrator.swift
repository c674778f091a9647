import Foundation

/// Applies pending migrations in order, each in its own transaction, and records them.
///
/// ```swift
/// let applied = try await Migrator(migrations: Schema.migrations).migrate(driver)
/// ```
public struct Migrator: Sendable {
    public let migrations: [Migration]
    /// The derived data whose stored layout is checked after the migrations.
    public let derivedData: [DerivedLayout]

    /// Creates a migrator. Ids must be unique and ascending: a programmer mistake otherwise.
    public init(migrations: [Migration] = Schema.migrations, derivedData: [DerivedLayout] = Schema.derivedData) {
        precondition(zip(migrations, migrations.dropFirst()).allSatisfy { $0.id < $1.id }, "migration ids must ascend")
        self.migrations = migrations
        self.derivedData = derivedData
    }

    /// Applies what is pending and returns the ids applied now; then drops the derived data stored in
    /// another layout than the build's (``DerivedLayout``).
    ///
    /// - Throws: ``StorageError`` with code `migration` when the database holds migrations this
    ///   build does not know (it is newer), or when a statement fails (that migration is rolled back).
    @discardableResult
    public func migrate(_ driver: any SQLDriver) async throws -> [Int] {
        let dialect = driver.dialect
        // Migrations name the application role `klage_app`; each database has its own (see SQLDriver).
        let role = driver.applicationRole ?? "klage_app"
        _ = try await driver.write(tenant: nil) { connection in
            if dialect == .postgres { try connection.execute("SELECT pg_advisory_xact_lock(4242001)") }
            try connection.execute(
                "CREATE TABLE IF NOT EXISTS klage_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            )
        }
        var appliedNow: [Int] = []
        let known = Set(migrations.map(\.id))
        for migration in migrations {
            let applied = try await driver.write(tenant: nil) { connection -> Bool in
                if dialect == .postgres {
                    // Instances starting together take turns; the lock ends with the transaction.
                    try connection.execute("SELECT pg_advisory_xact_lock(4242001)")
                }
                let done = try connection.query("SELECT id FROM klage_migrations ORDER BY id").compactMap { $0["id"].integer }.map(Int.init)
                if let unknown = done.first(where: { !known.contains($0) }) {
                    throw StorageError(
                        code: .migration, message: "the database has migration \(unknown), which this build does not know; run a newer klage")
                }
                if done.contains(migration.id) { return false }
                let statements =
                    migration.statements
                    + (dialect == .postgres
                        ? migration.postgresStatements.map { $0.replacingOccurrences(of: "klage_app", with: role) } : migration.sqliteStatements)
                for statement in statements {
                    do {
                        try connection.execute(SQL(unsafeSQL: statement))
                    } catch let error as StorageError {
                        throw StorageError(
                            code: .migration, message: "migration \(migration.id) (\(migration.name)) failed", detail: error.debugDescription)
                    }
                }
                try connection.execute(
                    "INSERT INTO klage_migrations (id, name, applied_at) VALUES (\(migration.id), \(migration.name), \(Date()))"
                )
                return true
            }
            if applied { appliedNow.append(migration.id) }
        }
        try await dropDerivedDataOfOtherLayouts(driver)
        return appliedNow
    }

    /// The ids of this build's migrations the database has not applied; throws as ``migrate(_:)`` does
    /// when it has one this build does not know. Read only: what a runtime login, which may not migrate, checks.
    public func pending(_ driver: any SQLDriver) async throws -> [Int] {
        let done = Set(try await applied(driver))
        let known = Set(migrations.map(\.id))
        if let unknown = done.subtracting(known).min() {
            throw StorageError(code: .migration, message: "the database has migration \(unknown), which this build does not know; run a newer klage")
        }
        return migrations.map(\.id).filter { !done.contains($0) }
    }

    /// The ids of the migrations the database has applied.
    public func applied(_ driver: any SQLDriver) async throws -> [Int] {
        try await driver.read(tenant: nil) { connection in
            try connection.query("SELECT id FROM klage_migrations ORDER BY id").compactMap { $0["id"].integer }.map(Int.init)
        }
    }
}
