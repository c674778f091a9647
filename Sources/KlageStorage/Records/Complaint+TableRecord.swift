public import KlageKernel

/// A complaint is one row of `complaints`; `next_due_at` and `next_check_at` are derived from its
/// deadlines and stored for the overdue, attention and scheduler queries.
extension Complaint: TableRecord {
    public static let table = TableLayout<Complaint>(
        "complaints", key: ["tenant_id", "id"], insertOnly: ["workflow", "workflow_version", "external_ref", "received_at", "created_at"],
        adding: [.column("next_due_at") { $0.nextDueAt }, .column("next_check_at") { $0.nextCheckAt }])
}
