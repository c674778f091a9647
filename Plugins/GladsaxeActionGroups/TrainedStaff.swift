import Foundation
import KlagePluginAPI

/// A member of staff trained in the method.
struct TrainedStaff: StorableRecord {
    static let kind = "staff"

    /// Leaders are counted apart.
    enum State: String, RecordState {
        case leader, staff
    }

    var name: String
    var department: String
    var leader: Bool
    var trainedAt: Date

    var index: RecordIndex<State> { RecordIndex(ref: department, state: leader ? .leader : .staff) }
}
