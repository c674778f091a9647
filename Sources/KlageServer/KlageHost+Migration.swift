import KlageStorage

extension KlageHost {
    /// Brings the database up to this build's schema: through `store`'s own login, or, with a migration
    /// login (``ServerConfiguration/migrationDatabase``), through that, on a connection of its own, the
    /// runtime login (`store`'s, which owns no table) then only checking that nothing is pending.
    ///
    /// - Returns: the ids of the migrations applied now.
    /// - Throws: ``StorageError`` (`migration`) when a migration fails or the database is newer than this build.
    static func migrate(_ store: SQLKlageStore, _ configuration: ServerConfiguration) async throws -> [Int] {
        guard let migrationDatabase = configuration.migrationDatabase else { return try await store.migrate() }
        let owner = try await StorageFactory.open(try DatabaseURL(migrationDatabase), limits: configuration.limits)
        let applied: Result<[Int], any Error>
        do { applied = .success(try await Migrator().migrate(owner)) } catch { applied = .failure(error) }
        await owner.close()
        let appliedNow = try applied.get()
        let pending: [Int]
        do {
            pending = try await Migrator().pending(store.driver)
        } catch let error as StorageError where error.code != .migration {
            let role = (store.driver.applicationRole ?? "klage_app") + "_runtime"
            throw StorageError(
                code: .migration, message: "the runtime login cannot read the schema; grant it the role \(role) (see Operations)",
                detail: error.debugDescription)
        }
        guard pending.isEmpty else {
            throw StorageError(
                code: .migration, message: "the runtime login sees migrations \(pending) pending: do both URLs name the same database?")
        }
        return appliedNow
    }
}
