import Foundation
import KlagePluginAPI

/// One point of a triangle's agreement, kept as a dated task with its own follow-up deadline.
struct AgreedTask: StorableRecord {
    static let kind = "task"

    /// Open until a caseworker marks it done.
    enum State: String, RecordState {
        case open, done
    }

    /// The complaint whose conversation agreed on it.
    var complaintId: ComplaintID
    /// The contact that recorded the agreement.
    var contactId: ContactID
    /// Its number in the agreement, from 1.
    var point: Int
    /// Who does it (may hold personal data: it is never listed on `attention.list`).
    var who: String
    /// What is done (may hold personal data).
    var what: String
    /// Whether the citizen does it: then it is the citizen's, never staff overdue. Absent on tasks stored before.
    var byCitizen: Bool?
    var state: State
    /// When it is due.
    var dueAt: Date
    /// When it was marked done.
    var doneAt: Date?
    /// Whether it was done after its due time.
    var late: Bool?
    /// The caseworker's note on completion.
    var note: String?

    /// Whether the task is the citizen's own.
    var isCitizens: Bool { byCitizen == true }

    var index: RecordIndex<State> { RecordIndex(complaint: complaintId, state: state, dueAt: dueAt) }
}
