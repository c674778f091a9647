extension Schema {
    /// Report figures rolled up per calendar month (`report_months`, and `report_month_status` for the
    /// months rolled up), so that a report over five years reads about 60 months instead of 1,826 days.
    /// The histograms' storage format changed to logarithmic buckets: every day's cells are recomputed.
    static let reportMonths = Migration(
        id: 10, name: "report months",
        statements: [
            "DELETE FROM report_cells",
            "DELETE FROM report_days",
            reportCellTable("report_months", period: "month"),
            """
            CREATE TABLE report_month_status (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                month INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, month)
            )
            """,
        ],
        postgresStatements: [
            "GRANT SELECT, INSERT, UPDATE, DELETE ON report_months, report_month_status TO klage_app"
        ] + isolatingTenants(of: ["report_months", "report_month_status"]))
}
