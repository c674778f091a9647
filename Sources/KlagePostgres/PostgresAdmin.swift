import KlageStorage

/// One-off administrative statements outside a transaction (`CREATE DATABASE` cannot run inside one).
public enum PostgresAdmin {
    /// Runs trusted SQL text (no parameters) on a fresh connection to `url`, then closes it.
    ///
    /// - Throws: ``KlageStorage/StorageError`` when the connection or the statement fails.
    public static func execute(_ unsafeSQL: String, url: String) throws {
        let connection = try PostgresConnection(url: url)
        try connection.exec(unsafeSQL)
    }
}
