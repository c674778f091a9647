import Foundation
import KlagePluginAPI

/// An action-group meeting and the learning items it reviewed.
struct Meeting: StorableRecord {
    static let kind = "meeting"

    var heldAt: Date
    var attendees: [String]
    var reviewed: [LearningItemID]

    var index: RecordIndex<NoState> { RecordIndex(dueAt: heldAt) }
}
