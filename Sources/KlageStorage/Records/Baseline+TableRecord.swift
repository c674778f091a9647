import Foundation
public import KlageKernel

/// A baseline is one row of `baselines`, keyed by department (empty for the whole tenant) and start.
extension Baseline: TableRecord {
    public static let tableName = "baselines"

    public static let columns: [TableColumn<Baseline>] = [
        .key("tenant_id") { $0.tenant },
        .key("department") { $0.department ?? "" },
        .key("period_from") { $0.from },
        .column("period_to") { $0.to },
        .column("received") { $0.received },
        .column("appeals_forwarded") { $0.appealsForwarded },
        .column("median_days_to_close") { $0.medianDaysToClose },
        .column("satisfaction_mean") { $0.satisfactionMean },
        .column("source") { $0.source },
        .column("updated_at") { $0.updatedAt },
    ]

    public init(row: SQLRow) throws {
        let department = try row.string("department")
        self.init(
            tenant: try row.value("tenant_id"), department: department.isEmpty ? nil : department, from: try row.date("period_from"),
            to: try row.date("period_to"), received: row["received"].integer.map(Int.init),
            appealsForwarded: row["appeals_forwarded"].integer.map(Int.init), medianDaysToClose: row["median_days_to_close"].real,
            satisfactionMean: row["satisfaction_mean"].real, source: row.optionalString("source"), updatedAt: try row.date("updated_at"))
    }
}
