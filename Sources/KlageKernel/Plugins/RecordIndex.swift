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
}
