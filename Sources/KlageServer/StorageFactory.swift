import KlagePostgres
import KlageSQLite
public import KlageStorage

/// Opens the storage engine a database URL names.
public enum StorageFactory {
    /// A driver for `url`. - Throws: ``KlageStorage/StorageError`` when it cannot be opened.
    public static func open(_ url: DatabaseURL) async throws -> any SQLDriver {
        switch url {
        case .sqlite(let path):
            return try SQLiteDriver(path: path)
        case .postgres(let url):
            return try await PostgresDriver.connect(url: url)
        }
    }
}
