extension Schema {
    /// The `CREATE TABLE` of a table of report cells, one per family, `period` (day or month),
    /// department and value; `clustered` stores them in their key's order on SQLite (`WITHOUT ROWID`).
    ///
    /// Migrations 1, 10 and 12 create `report_cells` and `report_months` with it, so the two tables keep
    /// one shape.
    static func reportCellTable(_ table: String, period: String, clustered: Bool = false) -> String {
        """
        CREATE TABLE \(table) (
            tenant_id TEXT NOT NULL REFERENCES tenants (id),
            family TEXT NOT NULL,
            \(period) INTEGER NOT NULL,
            department TEXT NOT NULL,
            value TEXT NOT NULL,
            cell TEXT NOT NULL,
            PRIMARY KEY (tenant_id, family, \(period), department, value)
        )
        """ + (clustered ? " WITHOUT ROWID" : "")
    }
}
