import Foundation
import KlageKernel

/// A learning item routed to its department's champion, until the action group reviews it.
struct Route: StorableRecord {
    static let kind = "route"

    /// Routed, then reviewed at a meeting.
    enum State: String, RecordState, CaseIterable {
        case routed, reviewed
    }

    /// The action group's decision on a reviewed item.
    enum Decision: String, Codable, Sendable, CaseIterable {
        case act, noAction
    }

    var learningItemId: LearningItemID
    var title: String
    var department: String
    var champion: String?
    var state: State
    var meetingId: Identifier<Meeting>?
    var decision: Decision?
    var note: String?

    var index: RecordIndex<State> { RecordIndex(ref: learningItemId.rawValue, state: state) }
}
