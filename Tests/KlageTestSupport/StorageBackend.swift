import Foundation
import KlageStorage
public import Testing

/// A storage engine the contract tests run against. Every storage test takes one as its argument.
public enum StorageBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public var testDescription: String { rawValue }

    /// The engines available in this run: SQLite always; PostgreSQL when `KLAGE_TEST_POSTGRES_URL` is set.
    public static var available: [StorageBackend] {
        var backends: [StorageBackend] = [.sqlite]
        if ProcessInfo.processInfo.environment["KLAGE_TEST_POSTGRES_URL"] != nil { backends.append(.postgres) }
        return backends
    }

    /// A database URL for a fresh, empty database on this engine.
    public func freshDatabaseURL() throws -> String {
        switch self {
        case .sqlite:
            return "sqlite:" + TemporaryFolder.make().appendingPathComponent("klage.sqlite").path
        case .postgres:
            return try PostgresTestCluster.freshDatabaseURL()
        }
    }
}
