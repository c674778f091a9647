extension Schema {
    /// On SQLite, report cells are stored in their key's order (`WITHOUT ROWID`): a report reads one
    /// family's days or months as a few contiguous pages instead of rows scattered through the whole
    /// table in the order they were computed, which is what a first report after a restart paid for
    /// (1.4 s for a weekly series over five years). The cells are derived data: they are dropped and
    /// computed again (`klage figures`, the background refresher, or the first reports).
    static let clusteredReportCells = Migration(
        id: 12, name: "clustered report cells",
        statements: [],
        sqliteStatements: [
            "DROP TABLE report_cells",
            reportCellTable("report_cells", period: "day", clustered: true),
            "DROP TABLE report_months",
            reportCellTable("report_months", period: "month", clustered: true),
            "DELETE FROM report_days",
            "DELETE FROM report_month_status",
        ])
}
