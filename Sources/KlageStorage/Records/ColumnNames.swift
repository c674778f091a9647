import Synchronization

/// How a record's coding keys name its table's columns, and how a column stored in another form than
/// its property's is read back.
///
/// A key's column is its snake_case form (`workflowVersion` is `workflow_version`) unless the table
/// renames it; `tenant` is `tenant_id` in every table.
struct ColumnNames: Sendable {
    /// Columns not named by their key's snake_case form, by key.
    private let renamed: [String: String]
    /// Turns a stored value into the one the property decodes, by column.
    private let reads: [String: @Sendable (SQLValue) -> SQLValue]
    /// The columns of the keys met so far: every row of a table asks for the same ones.
    private let known = Known()

    private final class Known: Sendable {
        let columns = Mutex<[String: String]>([:])
    }

    init(renamed: [String: String], reads: [String: @Sendable (SQLValue) -> SQLValue]) {
        self.renamed = renamed.merging(["tenant": "tenant_id"]) { given, _ in given }
        self.reads = reads
    }

    /// The column of a coding key.
    func column(for key: String) -> String {
        if let column = known.columns.withLock({ $0[key] }) { return column }
        let column = renamed[key] ?? Self.snakeCased(key)
        known.columns.withLock { $0[key] = column }
        return column
    }

    /// `workflowVersion` as `workflow_version`.
    static func snakeCased(_ key: String) -> String {
        var column = ""
        for character in key {
            if character.isUppercase { column.append("_") }
            column.append(contentsOf: character.lowercased())
        }
        return column
    }

    /// The value the property of `column` decodes from `stored`.
    func read(_ stored: SQLValue, from column: String) -> SQLValue {
        reads[column].map { $0(stored) } ?? stored
    }
}
