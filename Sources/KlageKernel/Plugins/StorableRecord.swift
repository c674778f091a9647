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

/// A record's state: an enum with `String` raw values, e.g. `enum State: String, RecordState { case open, done }`.
public protocol RecordState: RawRepresentable, Codable, Sendable, Hashable where RawValue == String {}

/// The state of a record that has none.
public struct NoState: RecordState {
    /// The raw value; never stored.
    public let rawValue: String
    /// Wraps a raw value.
    public init?(rawValue: String) { self.rawValue = rawValue }
}

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

/// A stored ``StorableRecord`` with its id and version: what `create`, `get`, `list` return and
/// `update` takes. Its properties read and write the record's own (`task.note = "…"`).
///
/// Encoded as the API has always shown plug-in records: the body with `id`, `kind`, `ref`, `state`,
/// `dueAt`, `version`, `createdAt` and `updatedAt`.
@dynamicMemberLookup
public struct StoredRecord<Record: StorableRecord>: Sendable, Encodable {
    /// The record's id.
    public let id: Identifier<Record>
    /// The record.
    public var record: Record
    /// The stored version; ``PluginRecords/update(_:)`` refuses a stale one.
    public let version: Int
    /// When it was created.
    public let createdAt: Date
    /// When it was last changed.
    public let updatedAt: Date

    /// A property of the record.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<Record, Value>) -> Value {
        get { record[keyPath: keyPath] }
        set { record[keyPath: keyPath] = newValue }
    }

    /// A computed property of the record.
    public subscript<Value>(dynamicMember keyPath: KeyPath<Record, Value>) -> Value {
        record[keyPath: keyPath]
    }

    /// The record as the store keeps it.
    var untyped: PluginRecord {
        get throws { try PluginRecord(record, id: id.rawValue, version: version, createdAt: createdAt, updatedAt: updatedAt) }
    }

    init(_ stored: PluginRecord) throws {
        precondition(stored.kind == Record.kind, "a '\(stored.kind)' record read as '\(Record.kind)'")
        id = Identifier(stored.id)
        record = try PluginJSON.decode(Record.self, from: stored.json)
        version = stored.version
        createdAt = stored.createdAt
        updatedAt = stored.updatedAt
    }

    /// Encodes the record as the API shows it.
    public func encode(to encoder: any Encoder) throws {
        try untyped.json.encode(to: encoder)
    }
}

extension PluginRecord {
    /// The keys kept beside a record's body.
    static let reservedKeys: Set<String> = ["id", "kind", "ref", "state", "dueAt", "version", "createdAt", "updatedAt"]

    /// A typed record as the store keeps it: its encoding, without the reserved keys, is the body.
    init<Record: StorableRecord>(_ record: Record, id: String, version: Int, createdAt: Date, updatedAt: Date) throws {
        guard case .object(var body) = try PluginJSON.encode(record) else {
            preconditionFailure("\(Record.self) must encode as an object")
        }
        for key in ["id", "kind", "version", "createdAt", "updatedAt"] {
            precondition(body[key] == nil, "\(Record.self) must not have a property '\(key)': the store keeps it")
        }
        for key in Self.reservedKeys { body[key] = nil }
        let index = record.index
        self.init(kind: Record.kind, id: id, body: body, ref: index.ref, state: index.state?.rawValue, dueAt: index.dueAt,
                  version: version, createdAt: createdAt, updatedAt: updatedAt)
    }
}

extension AttentionRecordRef {
    /// A reference to one of the plug-in's stored records.
    public init<Record>(plugin: PluginID, record: StoredRecord<Record>) {
        self.init(plugin: plugin, kind: Record.kind, id: record.id.rawValue)
    }
}

extension StoredRecord {
    /// The record as the API shows it, with more keys, e.g. counts a list adds to each record.
    ///
    /// ```swift
    /// struct Counts: Encodable { let trained: Int }
    /// return ItemList(departments.map { $0.adding(Counts(trained: 3)) })
    /// ```
    /// - Parameter extra: Encodes as a JSON object; its keys win over the record's.
    public func adding<Extra: Encodable & Sendable>(_ extra: Extra) -> RecordWithExtras<Record, Extra> {
        RecordWithExtras(record: self, extra: extra)
    }
}

/// A stored record with more keys for an operation's result (see ``StoredRecord/adding(_:)``).
public struct RecordWithExtras<Record: StorableRecord, Extra: Encodable & Sendable>: Encodable, Sendable {
    /// The record.
    public let record: StoredRecord<Record>
    /// What is added.
    public let extra: Extra

    /// Encodes the record's keys and the extra ones in one object.
    public func encode(to encoder: any Encoder) throws {
        guard case .object(var object) = try record.untyped.json, case .object(let added) = try PluginJSON.encode(extra) else {
            preconditionFailure("records and their extras encode as objects")
        }
        object.merge(added) { $1 }
        try JSONValue.object(object).encode(to: encoder)
    }
}
