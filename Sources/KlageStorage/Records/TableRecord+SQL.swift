import KlageKernel

extension SQL {
    /// `INSERT INTO <table> (<every column>) VALUES (<bound values>)` for `record`.
    ///
    /// ```swift
    /// try connection.execute(.insert(contact))
    /// try connection.execute(.insert(complaint) + " ON CONFLICT DO NOTHING")
    /// ```
    ///
    /// - Throws: when a value cannot be encoded.
    public static func insert<Record: TableRecord>(_ record: Record) throws -> SQL {
        let columns = try record.columns()
        let names = columns.map(\.name).joined(separator: ", ")
        let values = columns.map { column -> SQL in "\(column.value)" }
        return "INSERT INTO \(unsafeRaw: Record.table.name) (\(unsafeRaw: names)) VALUES (\(joined(values, separator: ", ")))"
    }

    /// `UPDATE <table> SET <updatable columns> WHERE <key columns match> [AND <condition>]` for `record`.
    ///
    /// ```swift
    /// try connection.execute(.update(item, where: "version = \(expectedVersion)"))
    /// ```
    ///
    /// - Parameter condition: a further condition joined with `AND`, e.g. the expected version.
    /// - Throws: when a value cannot be encoded.
    public static func update<Record: TableRecord>(_ record: Record, where condition: SQL? = nil) throws -> SQL {
        var assignments: [SQL] = []
        var match: [SQL] = []
        for column in try record.columns() {
            switch column.role {
            case .key: match.append("\(unsafeRaw: column.name) = \(column.value)")
            case .updatable: assignments.append("\(unsafeRaw: column.name) = \(column.value)")
            case .insertOnly: continue
            }
        }
        if let condition { match.append(condition) }
        return "UPDATE \(unsafeRaw: Record.table.name) SET \(joined(assignments, separator: ", ")) WHERE \(joined(match, separator: " AND "))"
    }

    /// `SELECT * FROM <table>`, to be followed by a `WHERE` clause.
    public static func select<Record: TableRecord>(_ type: Record.Type) -> SQL {
        "SELECT * FROM \(unsafeRaw: Record.table.name)"
    }

    /// The statements one after another, `separator` (trusted text) between them.
    static func joined(_ parts: [SQL], separator: String) -> SQL {
        var result = SQL(stringInterpolation: StringInterpolation(literalCapacity: 0, interpolationCount: 0))
        for (index, part) in parts.enumerated() {
            result = index == 0 ? result + part : result + SQL(unsafeSQL: separator) + part
        }
        return result
    }
}

extension SQLConnection {
    /// The records a query of `Record`'s table returns.
    public func fetchAll<Record: TableRecord>(_ type: Record.Type, _ sql: SQL) throws -> [Record] {
        try query(sql).map(Record.init(row:))
    }

    /// The first record a query of `Record`'s table returns, or `nil`.
    public func fetchOne<Record: TableRecord>(_ type: Record.Type, _ sql: SQL) throws -> Record? {
        try queryFirst(sql).map(Record.init(row:))
    }
}
