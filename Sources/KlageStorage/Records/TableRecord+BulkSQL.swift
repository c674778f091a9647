import KlageKernel

extension SQL {
    /// The most values one bulk statement binds: below SQLite's 32,766 and PostgreSQL's 65,535.
    static let maximumBindings = 30_000

    /// `INSERT INTO <table> (<every column>) VALUES (…), (…), …` for `records`, as few statements as
    /// the engines' limits on bound values allow; every value is bound.
    ///
    /// ```swift
    /// for statement in try SQL.insert(contacts) { try connection.execute(statement) }
    /// ```
    ///
    /// - Throws: when a JSON column cannot be encoded.
    public static func insert<Record: TableRecord>(_ records: [Record]) throws -> [SQL] {
        guard !records.isEmpty else { return [] }
        let names = Record.columns.map(\.name).joined(separator: ", ")
        let rowsPerStatement = max(1, maximumBindings / Record.columns.count)
        var statements: [SQL] = []
        var start = records.startIndex
        while start < records.endIndex {
            let end = min(start + rowsPerStatement, records.endIndex)
            var fragments: [Fragment] = [.text("INSERT INTO \(Record.tableName) (\(names)) VALUES ")]
            fragments.reserveCapacity(1 + (end - start) * (Record.columns.count * 2 + 1))
            for index in start..<end {
                fragments.append(.text(index == start ? "(" : "), ("))
                for (position, column) in Record.columns.enumerated() {
                    if position > 0 { fragments.append(.text(", ")) }
                    fragments.append(.value(try column.value(records[index])))
                }
            }
            fragments.append(.text(")"))
            statements.append(SQL(fragments: fragments))
            start = end
        }
        return statements
    }
}
