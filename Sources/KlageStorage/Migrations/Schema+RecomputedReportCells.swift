extension Schema {
    /// The report cells gained four counters (first two-way conversations: how many, within 24 hours,
    /// within the tenant's deadline; first contact in writing) and the missed clocks by name
    /// (``KlageReports/ReportCell``). A cell stored before has none of them, and would read them as
    /// zero: every stored cell and month is dropped, so every day is "never computed" and is computed
    /// again from the complaints (by the next report, `klage figures` or the background refresher).
    static let recomputedReportCells = Migration(
        id: 15, name: "report cells recomputed for conversations and clocks",
        statements: [
            "DELETE FROM report_cells",
            "DELETE FROM report_months",
            "DELETE FROM report_month_status",
            "DELETE FROM report_days",
        ])
}
