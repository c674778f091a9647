import ArgumentParser
import KlageServer
import KlageStorage

/// `klage migrate`: applies pending migrations and exits.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let host = try await options.openHost()
        let applied = try await host.store.driver.read(tenant: nil) { connection in
            try connection.query("SELECT id, name FROM klage_migrations ORDER BY id").map { row in
                "\(row["id"].integer ?? 0) \(row.optionalString("name") ?? "")"
            }
        }
        print("database is at migration \(applied.last ?? "none")")
        if let role = host.store.driver.applicationRole {
            // What an operator grants the runtime login, which owns no table (see Deploy/README.md).
            print("runtime role: \(role)_runtime")
        }
        await host.shutdown()
    }
}
