/// One value as a column: a ``ColumnPrimitive`` as it is, any other value as what its `Encodable`
/// conformance encodes (an id or an enum as its raw text), and a value that encodes as an object or a
/// list as JSON text (``RowJSON``), the form ``ColumnDecoder`` reads back.
final class ColumnEncoder: Encoder, SingleValueEncodingContainer, RowCoding {
    private var value = SQLValue.null
    /// Whether the value asked for an object or a list.
    private var holdsJSON = false

    /// `value` as its column holds it.
    ///
    /// - Throws: when the value cannot be encoded.
    static func column<T: Encodable>(_ value: T) throws -> SQLValue {
        if let primitive = value as? any ColumnPrimitive { return primitive.column }
        let encoder = ColumnEncoder()
        try value.encode(to: encoder)
        return encoder.holdsJSON ? .text(try RowJSON.text(value)) : encoder.value
    }

    func encodeNil() { value = .null }

    func encode<T: Encodable>(_ value: T) throws { self.value = try Self.column(value) }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        holdsJSON = true
        return KeyedEncodingContainer(DiscardingContainer<Key>())
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        holdsJSON = true
        return DiscardingContainer<ItemKey>()
    }
}

/// The key of a list's items, which ``DiscardingContainer`` drops too.
struct ItemKey: CodingKey {
    var stringValue: String { "" }
    var intValue: Int? { nil }
    init?(stringValue: String) {}
    init?(intValue: Int) {}
}

/// Takes what a value encodes into an object or a list and keeps none of it: ``ColumnEncoder`` then
/// stores the value as JSON text instead.
struct DiscardingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol, UnkeyedEncodingContainer, RowCoding {
    var count: Int { 0 }

    mutating func encodeNil() {}
    mutating func encodeNil(forKey key: Key) {}
    mutating func encode<T: Encodable>(_ value: T) {}
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) {}

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(DiscardingContainer<NestedKey>())
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(DiscardingContainer<NestedKey>())
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> any Encoder { ColumnEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { ColumnEncoder() }
}
