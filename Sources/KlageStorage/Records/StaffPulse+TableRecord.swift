public import KlageKernel

/// A staff pulse answer is one row of `staff_pulses`: department, score and day, nothing of the person.
extension StaffPulse: TableRecord {
    public static let table = TableLayout<StaffPulse>("staff_pulses", key: ["tenant_id", "id"], insertOnly: .all)
}
