/// A table and how a record's properties fill its columns: which columns are keys and which are
/// written once, which keys are renamed, and the columns the layout takes from the record itself.
///
/// ```swift
/// static let table = TableLayout<Survey>(
///     "surveys", key: ["tenant_id", "complaint_id"], insertOnly: ["token_hash", "issued_at", "expires_at"])
/// ```
///
/// Every other property is a column of its own, named by its key in snake_case and updatable. A
/// record whose `Encodable` shape is not its row (a delivery encodes as the API shows it) lists
/// every column instead: `TableLayout("outbox", listing: [...])`.
public struct TableLayout<Record: Encodable>: Sendable {
    /// Columns of the properties that no `UPDATE` writes: the table's every column, or those named.
    public enum WrittenOnce: Sendable, ExpressibleByArrayLiteral {
        /// The table is appended to and never updated.
        case all
        case columns(Set<String>)

        public init(arrayLiteral columns: String...) {
            self = .columns(Set(columns))
        }
    }

    /// The table's name; trusted text, never input.
    public let name: String
    let names: ColumnNames
    /// Columns taken from the record by a closure; with `encodesProperties`, ahead of the properties' own.
    private let added: [TableColumn<Record>]
    /// The names of `added`: a property's column of the same name is left out.
    private let replaced: Set<String>
    private let encodesProperties: Bool
    private let keys: Set<String>
    private let insertOnly: WrittenOnce

    /// A table whose columns are the record's properties as it encodes them, and `adding` (which
    /// replace a property's column of the same name).
    ///
    /// - Parameters:
    ///   - key: the property columns that identify a row (an added column has its own role).
    ///   - insertOnly: the property columns no `UPDATE` writes.
    ///   - renamed: columns named otherwise than by their key, by key.
    public init(
        _ name: String, key: [String], insertOnly: WrittenOnce = [], renamed: [String: String] = [:], adding: [TableColumn<Record>] = []
    ) {
        self.name = name
        self.keys = Set(key)
        self.insertOnly = insertOnly
        self.added = adding
        self.replaced = Set(adding.map(\.name))
        self.encodesProperties = true
        self.names = ColumnNames(renamed: renamed, reads: Self.reads(of: adding))
    }

    /// A table whose every column is listed, in order, for a record read by a hand-written `init(row:)`.
    public init(_ name: String, listing columns: [TableColumn<Record>]) {
        self.name = name
        self.keys = []
        self.insertOnly = []
        self.added = columns
        self.replaced = Set(columns.map(\.name))
        self.encodesProperties = false
        self.names = ColumnNames(renamed: [:], reads: Self.reads(of: columns))
    }

    private static func reads(of columns: [TableColumn<Record>]) -> [String: @Sendable (SQLValue) -> SQLValue] {
        Dictionary(columns.compactMap { column in column.read.map { (column.name, $0) } }) { first, _ in first }
    }

    /// `record`'s columns, in the order `INSERT` lists them.
    ///
    /// - Throws: when a value cannot be encoded.
    func columns(of record: Record) throws -> [ColumnValue] {
        var columns = try added.map { ColumnValue(name: $0.name, role: $0.role, value: try $0.value(record)) }
        guard encodesProperties else { return columns }
        for (name, value) in try RowEncoder.columns(of: record, names: names) where !replaced.contains(name) {
            columns.append(ColumnValue(name: name, role: role(of: name), value: value))
        }
        return columns
    }

    private func role(of column: String) -> ColumnRole {
        if keys.contains(column) { return .key }
        switch insertOnly {
        case .all: return .insertOnly
        case .columns(let names): return names.contains(column) ? .insertOnly : .updatable
        }
    }
}
