/// The few ways the two engines' SQL differs; everything else is written once.
public struct SQLDialect: Sendable, Hashable {
    /// The engine's name, for logs and `system.health`.
    public let name: String
    /// Renders the n-th (1-based) parameter placeholder.
    public let placeholder: @Sendable (Int) -> String

    public static func == (lhs: SQLDialect, rhs: SQLDialect) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    public init(name: String, placeholder: @escaping @Sendable (Int) -> String) {
        self.name = name
        self.placeholder = placeholder
    }

    /// SQLite: `?` placeholders.
    public static let sqlite = SQLDialect(name: "sqlite") { _ in "?" }
    /// PostgreSQL: `$1, $2, …` placeholders.
    public static let postgres = SQLDialect(name: "postgres") { "$\($0)" }

    /// Renders a statement for this dialect.
    public func render(_ sql: SQL) -> (text: String, bindings: [SQLValue]) {
        sql.render(placeholder: placeholder)
    }
}
