import Foundation
import KlagePostgres
import KlageStorage

#if canImport(Glibc)
    import Glibc
#endif

/// The throwaway PostgreSQL cluster that `Deploy/test.sh` starts, named by `KLAGE_TEST_POSTGRES_URL`.
///
/// Each test gets its own database in it, so tests run in parallel without seeing each other.
public enum PostgresTestCluster {
    /// The admin URL of the cluster. - Throws: when the variable is not set.
    public static func adminURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["KLAGE_TEST_POSTGRES_URL"] else {
            throw StorageError(code: .badURL, message: "KLAGE_TEST_POSTGRES_URL is not set; run the tests with Deploy/test.sh")
        }
        return url
    }

    /// Creates an empty database in the cluster at `admin` (the shared one by default) and returns its URL.
    public static func freshDatabaseURL(admin: String? = nil) throws -> String {
        let admin = try admin ?? adminURL()
        let name = "klage_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresAdmin.execute("CREATE DATABASE \(name)", url: admin)
        guard var components = URLComponents(string: admin) else { throw StorageError(code: .badURL, message: "bad admin URL") }
        components.path = "/" + name
        return components.string!
    }

    /// The cluster reserved for the outage test, and the `pg_ctl` command that stops and starts it.
    public static var outage: (url: String, control: String)? {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["KLAGE_TEST_POSTGRES_OUTAGE_URL"], let control = environment["KLAGE_TEST_POSTGRES_OUTAGE_CTL"] else { return nil }
        return (url, control)
    }

    /// Runs `pg_ctl stop` or `pg_ctl start` on the outage cluster and waits for it.
    public static func control(_ action: String) async throws {
        try await offThePool { try controlBlocking(action) }
    }

    private static func controlBlocking(_ action: String) throws {
        guard let outage else { throw StorageError(code: .badURL, message: "no outage cluster") }
        // system(3), not Foundation's Process: the server that `pg_ctl start` leaves running would inherit
        // the descriptor Process watches for the child's exit, and waitUntilExit would never return.
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("klage-pg-ctl-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let status = system("\(outage.control) \(action) >'\(output)' 2>&1")
        guard status == 0 else {
            let said = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            throw StorageError(code: .engine, message: "pg_ctl \(action) failed (\(status)): \(said)")
        }
    }
}
