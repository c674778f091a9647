import Foundation

/// A record a plug-in keeps: a `Codable` struct with a kind, stored in the tenant's plug-in record
/// store and read back typed.
///
/// The struct's encoding is the record's body; ``index`` names the three indexed fields the store
/// can filter on: a reference (a complaint id, a department), a state and a due time.
///
/// ```swift
/// struct AgreedTask: StorableRecord {
///     static let kind = "task"
///     enum State: String, RecordState { case open, done }
///
///     var complaintId: ComplaintID
///     var what: String
///     var state: State
///     var dueAt: Date
///
///     var index: RecordIndex<State> { RecordIndex(ref: complaintId.rawValue, state: state, dueAt: dueAt) }
/// }
///
/// let task = try await context.records.create(AgreedTask(complaintId: id, what: "Send the plan", state: .open, dueAt: due))
/// let open = try await context.records.list(AgreedTask.self, state: .open, dueBefore: context.now)
/// ```
///
/// The body never holds the keys the store keeps beside it (`id`, `kind`, `ref`, `state`, `dueAt`,
/// `version`, `createdAt`, `updatedAt`): a property named `state`, `dueAt` or `ref` is stored in its
/// indexed column and read back from there, so it must hold the value ``index`` gives.
public protocol StorableRecord: Codable, Sendable {
    /// The record's states; ``NoState`` for records without one.
    associatedtype State: RecordState = NoState

    /// The kind, unique within the plug-in, e.g. `task`.
    static var kind: String { get }

    /// The indexed fields. Without one, the record has none.
    var index: RecordIndex<State> { get }
}

extension StorableRecord where State == NoState {
    /// No indexed fields.
    public var index: RecordIndex<NoState> { RecordIndex() }
}
