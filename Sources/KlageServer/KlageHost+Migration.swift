import Foundation
import KlageStorage

extension KlageHost {
    /// Brings the database up to this build's schema: through `store`'s own login, or, with a migration
    /// login (``ServerConfiguration/migrationDatabase``), through that, on a connection of its own, which
    /// also grants the runtime role to `store`'s login (the runtime login, which owns no table); that
    /// login then only checks that nothing is pending.
    ///
    /// - Returns: the ids of the migrations applied now.
    /// - Throws: ``StorageError`` (`migration`) when a migration fails, the runtime login does not exist
    ///   or cannot read the schema, or the database is newer than this build.
    static func migrate(_ store: SQLKlageStore, _ configuration: ServerConfiguration) async throws -> [Int] {
        guard let migrationDatabase = configuration.migrationDatabase else { return try await store.migrate() }
        let owner = try await StorageFactory.open(try DatabaseURL(migrationDatabase), limits: configuration.limits)
        let role = (store.driver.applicationRole ?? "klage_app") + "_runtime"
        let applied: Result<[Int], any Error>
        do {
            let ids = try await Migrator().migrate(owner)
            if let login = URLComponents(string: configuration.database)?.user, login != URLComponents(string: migrationDatabase)?.user {
                // Names cannot be bound: both are quoted as identifiers (the login's from the configuration).
                let grant = SQL(unsafeSQL: "GRANT \(identifier(role)) TO \(identifier(login))")
                do {
                    _ = try await owner.write(tenant: nil) { connection in try connection.execute(grant) }
                } catch let error as StorageError {
                    throw StorageError(
                        code: .migration, message: "could not grant the runtime role \(role) to the login of the database URL: does it exist?",
                        detail: error.debugDescription)
                }
            }
            applied = .success(ids)
        } catch {
            applied = .failure(error)
        }
        await owner.close()
        let appliedNow = try applied.get()
        let pending: [Int]
        do {
            pending = try await Migrator().pending(store.driver)
        } catch let error as StorageError where error.code != .migration {
            throw StorageError(
                code: .migration, message: "the runtime login cannot read the schema; grant it the role \(role) (see Deploy/README.md)",
                detail: error.debugDescription)
        }
        guard pending.isEmpty else {
            throw StorageError(
                code: .migration, message: "the runtime login sees migrations \(pending) pending: do both URLs name the same database?")
        }
        return appliedNow
    }

    /// `name` as a PostgreSQL identifier: in double quotes, each of its own doubled.
    private static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
