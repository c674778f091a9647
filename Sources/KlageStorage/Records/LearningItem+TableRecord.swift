public import KlageKernel

/// A learning item is one row of `learning_items`.
extension LearningItem: TableRecord {
    public static let table = TableLayout<LearningItem>(
        "learning_items", key: ["id"], insertOnly: ["complaint_id", "created_at"], adding: [.key("tenant_id") { $0.tenant }])
}
