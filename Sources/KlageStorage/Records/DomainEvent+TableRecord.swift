public import KlageKernel

/// An event is one row of `events`; events are appended, never updated.
extension DomainEvent: TableRecord {
    public static let table = TableLayout<DomainEvent>(
        "events", key: ["id"], insertOnly: .all,
        adding: [
            .key("tenant_id") { $0.tenant }, .insertOnly("complaint_id") { $0.complaintId },
            .insertOnly("learning_item_id") { $0.learningItemId }, .insertOnly("trace_parent") { $0.traceParent },
        ])
}
