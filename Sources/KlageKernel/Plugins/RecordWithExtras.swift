/// A stored record with more keys for an operation's result (see ``StoredRecord/adding(_:)``).
public struct RecordWithExtras<Record: StorableRecord, Extra: Encodable & Sendable>: Encodable, Sendable {
    /// The record.
    public let record: StoredRecord<Record>
    /// What is added.
    public let extra: Extra

    /// Encodes the record's keys and the extra ones in one object.
    public func encode(to encoder: any Encoder) throws {
        guard case .object(var object) = try record.untyped.json, case .object(let added) = try PluginJSON.encode(extra) else {
            throw KlageError.internalError("the extra keys added to a '\(Record.kind)' record do not encode as a JSON object")
        }
        object.merge(added) { $1 }
        try JSONValue.object(object).encode(to: encoder)
    }
}
