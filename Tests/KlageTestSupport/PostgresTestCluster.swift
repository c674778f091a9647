import Foundation
import KlagePostgres
import KlageStorage

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

    /// Creates an empty database and returns its URL.
    public static func freshDatabaseURL() throws -> String {
        let admin = try adminURL()
        let name = "klage_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresAdmin.execute("CREATE DATABASE \(name)", url: admin)
        guard var components = URLComponents(string: admin) else { throw StorageError(code: .badURL, message: "bad admin URL") }
        components.path = "/" + name
        return components.string!
    }
}
