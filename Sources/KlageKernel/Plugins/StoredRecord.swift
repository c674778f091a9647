public import Foundation

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
        guard stored.kind == Record.kind else { throw KlageError.internalError("a '\(stored.kind)' record was read as '\(Record.kind)'") }
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
            throw KlageError.internalError("a '\(Record.kind)' record does not encode as a JSON object")
        }
        if let key = ["id", "kind", "version", "createdAt", "updatedAt"].first(where: { body[$0] != nil }) {
            throw KlageError.internalError("a '\(Record.kind)' record has a property '\(key)', which the store keeps beside it")
        }
        for key in Self.reservedKeys { body[key] = nil }
        let index = record.index
        self.init(
            kind: Record.kind, id: id, body: body, ref: index.ref, state: index.state?.rawValue, dueAt: index.dueAt,
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
