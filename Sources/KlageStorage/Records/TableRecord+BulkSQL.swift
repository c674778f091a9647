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
    /// - Throws: when a value cannot be encoded.
    public static func insert<Record: TableRecord>(_ records: [Record]) throws -> [SQL] {
        let rows = try records.map { try $0.columns() }
        guard let first = rows.first else { return [] }
        let names = first.map(\.name)
        guard rows.allSatisfy({ $0.map(\.name) == names }) else {
            throw StorageError(code: .engine, message: "the records of one bulk insert into \(Record.table.name) name different columns")
        }
        let rowsPerStatement = max(1, maximumBindings / names.count)
        var statements: [SQL] = []
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let end = min(start + rowsPerStatement, rows.count)
            var fragments: [Fragment] = [.text("INSERT INTO \(Record.table.name) (\(names.joined(separator: ", "))) VALUES ")]
            fragments.reserveCapacity(1 + (end - start) * (names.count * 2 + 1))
            for (index, row) in rows[start..<end].enumerated() {
                fragments.append(.text(index == 0 ? "(" : "), ("))
                for (position, column) in row.enumerated() {
                    if position > 0 { fragments.append(.text(", ")) }
                    fragments.append(.value(column.value))
                }
            }
            fragments.append(.text(")"))
            statements.append(SQL(fragments: fragments))
        }
        return statements
    }
}
