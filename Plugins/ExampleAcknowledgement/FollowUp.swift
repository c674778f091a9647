import Foundation
import KlagePluginAPI

/// A follow-up promised to the citizen in a contact: what, by when, until a caseworker marks it done.
struct FollowUp: StorableRecord {
    static let kind = "followUp"
    enum State: String, RecordState { case open, done }

    var complaintId: ComplaintID
    var what: String  // the citizen's matter: erasure scrubs it
    var state: State
    var dueAt: Date

    // Indexed by its complaint: privacy.export includes it, privacy.erase scrubs it.
    var index: RecordIndex<State> { RecordIndex(complaint: complaintId, state: state, dueAt: dueAt) }
}
