import Foundation
import KlagePluginAPI

/// An improvement action with an owner and a due date, tracked to done.
struct Action: StorableRecord {
    static let kind = "action"

    /// Open until done.
    enum State: String, RecordState, CaseIterable {
        case open, done
    }

    var learningItemId: LearningItemID
    /// Checked free of personal data: it is listed on `attention.list`.
    var title: String
    var owner: String
    var meetingId: Identifier<Meeting>?
    var department: String?
    var state: State
    var dueAt: Date
    var doneAt: Date?
    var note: String?

    var index: RecordIndex<State> { RecordIndex(ref: learningItemId.rawValue, state: state, dueAt: dueAt) }
}
