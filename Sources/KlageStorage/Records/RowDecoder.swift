/// A row as a `Decoder`, the way GRDB's `RowDecoder` reads a `Decodable` record: each coding key is
/// read from its column (``ColumnNames``), each value by a ``ColumnDecoder``.
///
/// ```swift
/// let complaint = try Complaint(from: RowDecoder(row: row, names: Complaint.table.names))
/// ```
final class RowDecoder: Decoder, RowCoding {
    private let row: SQLRow
    private let names: ColumnNames

    init(row: SQLRow, names: ColumnNames) {
        self.row = row
        self.names = names
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw StorageError(code: .corruptRow, message: "a row is read as a record, not a list")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw StorageError(code: .corruptRow, message: "a row is read as a record, not a value")
    }

    /// The column of `key`, ready to decode.
    private func column(_ key: some CodingKey) -> ColumnDecoder {
        let name = names.column(for: key.stringValue)
        return ColumnDecoder(value: names.read(row[name], from: name), name: name)
    }

    /// The row's columns by the record's coding keys.
    private struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol, RowCoding {
        let decoder: RowDecoder
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { decoder.row.has(decoder.names.column(for: key.stringValue)) }

        func decodeNil(forKey key: Key) throws -> Bool { decoder.column(key).decodeNil() }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder.column(key).decode(type) }
        // The values records hold most, without a cast.
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.column(key).decode(type) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.column(key).decode(type) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.column(key).decode(type) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.column(key).decode(type) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw readWhole(key)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw readWhole(key) }

        /// A column is one value: JSON text is decoded whole, with `decode(_:forKey:)`.
        private func readWhole(_ key: Key) -> StorageError {
            StorageError(code: .corruptRow, message: "column '\(decoder.names.column(for: key.stringValue))' is read whole, as one value")
        }

        func superDecoder() throws -> any Decoder { decoder }

        func superDecoder(forKey key: Key) throws -> any Decoder { decoder.column(key) }
    }
}
