public import KlageKernel

/// A baseline is one row of `baselines`, keyed by department (empty for the whole tenant) and start.
extension Baseline: TableRecord {
    public static let table = TableLayout<Baseline>(
        "baselines", key: ["period_from"], renamed: ["from": "period_from", "to": "period_to"],
        adding: [
            .key("tenant_id") { $0.tenant },
            .key("department", read: { $0 == .text("") ? .null : $0 }) { $0.department ?? "" },
        ])
}
