/// A record as columns, the way GRDB encodes an `Encodable` record: each coding key's column
/// (``ColumnNames``) and value (``ColumnEncoder``), in the order the record encodes them, with a `nil`
/// optional as `NULL` (where `Encodable` would leave the key out).
///
/// ```swift
/// let columns = try RowEncoder.columns(of: complaint, names: Complaint.table.names)
/// ```
final class RowEncoder: Encoder, RowCoding {
    private var columns: [(name: String, value: SQLValue)] = []
    private var notARecord = false
    private let names: ColumnNames

    private init(names: ColumnNames) {
        self.names = names
    }

    /// The columns `record` encodes.
    ///
    /// - Throws: when a value cannot be encoded, or the record does not encode as one keyed container.
    static func columns(of record: some Encodable, names: ColumnNames) throws -> [(name: String, value: SQLValue)] {
        let encoder = RowEncoder(names: names)
        try record.encode(to: encoder)
        guard !encoder.notARecord else {
            throw StorageError(code: .engine, message: "\(type(of: record)) does not encode as one row of named values")
        }
        return encoder.columns
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { KeyedEncodingContainer(Columns(encoder: self)) }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        notARecord = true
        return DiscardingContainer<ItemKey>()
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        notARecord = true
        return ColumnEncoder()
    }

    /// Appends each value to the encoder's columns.
    private struct Columns<Key: CodingKey>: KeyedEncodingContainerProtocol, RowCoding {
        let encoder: RowEncoder

        func append(_ value: SQLValue, _ key: Key) {
            encoder.columns.append((encoder.names.column(for: key.stringValue), value))
        }

        mutating func encodeNil(forKey key: Key) { append(.null, key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { append(try ColumnEncoder.column(value), key) }
        func appendIfPresent<T: Encodable>(_ value: T?, _ key: Key) throws { append(try value.map(ColumnEncoder.column) ?? .null, key) }

        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try appendIfPresent(value, key) }
        // `Encodable` leaves a `nil` out through these; a row keeps it as `NULL`.
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try appendIfPresent(value, key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try appendIfPresent(value, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try appendIfPresent(value, key) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try appendIfPresent(value, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try appendIfPresent(value, key) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try appendIfPresent(value, key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try appendIfPresent(value, key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try appendIfPresent(value, key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try appendIfPresent(value, key) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try appendIfPresent(value, key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try appendIfPresent(value, key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try appendIfPresent(value, key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try appendIfPresent(value, key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try appendIfPresent(value, key) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            encoder.notARecord = true
            return KeyedEncodingContainer(DiscardingContainer<NestedKey>())
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { encoder.unkeyedContainer() }
        mutating func superEncoder() -> any Encoder {
            encoder.notARecord = true
            return ColumnEncoder()
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
    }
}
