public import Foundation

/// A record's indexed fields, which ``PluginRecords/list(_:ref:state:dueBefore:limit:)`` filters on.
public struct RecordIndex<State: RecordState>: Sendable {
    /// A reference, e.g. a complaint id or a department's name.
    public var ref: String?
    /// The state.
    public var state: State?
    /// A due time, for "overdue" lists.
    public var dueAt: Date?

    /// Indexes a record by any of a reference, a state and a due time.
    public init(ref: String? = nil, state: State? = nil, dueAt: Date? = nil) {
        self.ref = ref
        self.state = state
        self.dueAt = dueAt
    }

    /// Indexes a record that belongs to a complaint: its reference is the complaint's id, which is how
    /// the kernel's privacy use cases find it. `privacy.export` includes it in the citizen's copy, and
    /// `privacy.erase` scrubs the citizen's personal data out of it. Index any record that holds what a
    /// citizen said or what was agreed with one this way; a record with another reference is not found.
    public init(complaint: ComplaintID, state: State? = nil, dueAt: Date? = nil) {
        self.init(ref: complaint.rawValue, state: state, dueAt: dueAt)
    }
}
