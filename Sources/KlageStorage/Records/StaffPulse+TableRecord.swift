import Foundation
public import KlageKernel

/// A staff pulse answer is one row of `staff_pulses`: department, score and day, nothing of the person.
extension StaffPulse: TableRecord {
    public static let tableName = "staff_pulses"

    public static let columns: [TableColumn<StaffPulse>] = [
        .key("tenant_id") { $0.tenant },
        .key("id") { $0.id },
        .insertOnly("department") { $0.department },
        .insertOnly("score") { $0.score },
        .insertOnly("day") { $0.day },
    ]

    public init(row: SQLRow) throws {
        self.init(
            id: try row.value("id"), tenant: try row.value("tenant_id"), department: try row.string("department"),
            score: try row.int("score"), day: try row.date("day"))
    }
}
