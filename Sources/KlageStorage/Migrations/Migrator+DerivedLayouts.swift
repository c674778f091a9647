extension Migrator {
    /// Drops each kind of derived data stored in another layout than the build's, and records the
    /// build's, in one transaction; instances starting together take turns, as with the migrations.
    ///
    /// - Returns: the names of the kinds dropped.
    @discardableResult
    func dropDerivedDataOfOtherLayouts(_ driver: any SQLDriver) async throws -> [String] {
        // A migrator of part of the schema (a test's) has no layouts recorded.
        guard migrations.contains(where: { $0.id == Schema.derivedLayouts.id }) else { return [] }
        let (derivedData, dialect) = (derivedData, driver.dialect)
        return try await driver.write(tenant: nil) { connection in
            if dialect == .postgres { try connection.execute("SELECT pg_advisory_xact_lock(4242001)") }
            var dropped: [String] = []
            for derived in derivedData {
                let stored = try connection.queryFirst("SELECT layout FROM klage_layouts WHERE name = \(derived.name)")
                guard stored?.optionalString("layout") != derived.layout else { continue }
                for statement in derived.dropping { try connection.execute(SQL(unsafeSQL: statement)) }
                try connection.execute("DELETE FROM klage_layouts WHERE name = \(derived.name)")
                try connection.execute("INSERT INTO klage_layouts (name, layout) VALUES (\(derived.name), \(derived.layout))")
                dropped.append(derived.name)
            }
            return dropped
        }
    }
}
