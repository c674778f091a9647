import KlageKernel

/// A record stored as one row of one table, read and written through its `Codable` conformance, the
/// way GRDB's `FetchableRecord` and `PersistableRecord` store a `Codable` struct.
///
/// The record's coding keys are its columns (``ColumnNames``): one list feeds `INSERT` (every column),
/// `UPDATE` (the updatable columns, matched on the keys) and reading a row (``RowDecoder``). Values are
/// stored as ``ColumnPrimitive``s (times in milliseconds, Booleans as 0 and 1), ids and enums as their
/// raw text, and objects and lists as JSON text; every value is bound. The table's ``TableLayout``
/// says the rest: keys, columns written once, and columns the coding leaves out.
///
/// ```swift
/// extension Survey: TableRecord {
///     public static let table = TableLayout<Survey>(
///         "surveys", key: ["tenant_id", "complaint_id"], insertOnly: ["token_hash", "issued_at", "expires_at"])
/// }
/// try connection.execute(.insert(survey))
/// let surveys = try connection.fetchAll(Survey.self, SQL.select(Survey.self) + " WHERE tenant_id = \(tenant)")
/// ```
///
/// Adding a field to a stored record takes the property (and its initialiser's parameter) and a migration
/// adding its column.
public protocol TableRecord: Encodable, Sendable {
    /// The table and how the record fills it.
    static var table: TableLayout<Self> { get }
    /// Reads a record from a row of its table; a `Decodable` record has it.
    ///
    /// - Throws: ``StorageError`` when a column holds an unexpected value.
    init(row: SQLRow) throws
}

extension TableRecord where Self: Decodable {
    public init(row: SQLRow) throws {
        try self.init(from: RowDecoder(row: row, names: Self.table.names))
    }
}

extension TableRecord {
    /// The record's columns and their values, in the order `INSERT` lists them.
    ///
    /// - Throws: when a value cannot be encoded.
    public func columns() throws -> [ColumnValue] {
        try Self.table.columns(of: self)
    }
}
