/// One ordered schema change, written in the SQL both engines share.
///
/// Migrations are append-only: a shipped migration is never edited, and none silently drops data.
public struct Migration: Sendable {
    /// The order; recorded in `klage_migrations` once applied.
    public let id: Int
    public let name: String
    /// Statements for every engine.
    public let statements: [String]
    /// Extra statements for PostgreSQL only (row-level security, grants).
    public let postgresStatements: [String]
    /// Extra statements for SQLite only (e.g. `WITHOUT ROWID` tables), run where `postgresStatements` run on PostgreSQL.
    public let sqliteStatements: [String]

    public init(id: Int, name: String, statements: [String], sqliteStatements: [String] = [], postgresStatements: [String] = []) {
        self.id = id
        self.name = name
        self.statements = statements
        self.sqliteStatements = sqliteStatements
        self.postgresStatements = postgresStatements
    }
}
