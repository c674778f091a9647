/// When a column is written.
public enum ColumnRole: Sendable, Hashable {
    /// Identifies the row: inserted, and matched by `UPDATE`'s `WHERE`.
    case key
    /// Written once, at insert (a creation time, a workflow version).
    case insertOnly
    /// Written at insert and by every `UPDATE`.
    case updatable
}

/// A column whose value a ``TableLayout`` takes from the record itself, by a closure: one the record's
/// coding leaves out (its tenant), derives (a complaint's next due time) or stores in another form.
public struct TableColumn<Record>: Sendable {
    /// The column's name; trusted text, never input.
    public let name: String
    /// When it is written.
    public let role: ColumnRole
    let value: @Sendable (Record) throws -> SQLValue
    /// Turns the stored value back into the one the record's property decodes, if it differs.
    let read: (@Sendable (SQLValue) -> SQLValue)?

    /// A column whose value is bound from the record by `value`, and read back through `read`.
    public init(
        _ name: String, _ role: ColumnRole = .updatable, read: (@Sendable (SQLValue) -> SQLValue)? = nil,
        _ value: @escaping @Sendable (Record) throws -> any SQLBindable
    ) {
        self.name = name
        self.role = role
        self.read = read
        self.value = { try value($0).sqlValue }
    }

    /// A key column.
    public static func key(
        _ name: String, read: (@Sendable (SQLValue) -> SQLValue)? = nil, _ value: @escaping @Sendable (Record) throws -> any SQLBindable
    )
        -> Self
    {
        Self(name, .key, read: read, value)
    }

    /// A column written once, at insert.
    public static func insertOnly(_ name: String, _ value: @escaping @Sendable (Record) throws -> any SQLBindable) -> Self {
        Self(name, .insertOnly, value)
    }

    /// An updatable column.
    public static func column(_ name: String, _ value: @escaping @Sendable (Record) throws -> any SQLBindable) -> Self {
        Self(name, .updatable, value)
    }

    /// A column holding `value` as JSON text (``RowJSON``).
    public static func json(_ name: String, _ role: ColumnRole = .updatable, _ value: @escaping @Sendable (Record) -> any Encodable) -> Self {
        Self(name, role) { try RowJSON.text(value($0)) }
    }
}

/// A column of one record: its name, role and bound value.
public struct ColumnValue: Sendable, Hashable {
    public let name: String
    public let role: ColumnRole
    public let value: SQLValue
}
