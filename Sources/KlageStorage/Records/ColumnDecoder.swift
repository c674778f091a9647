import Foundation

/// One column's value as a `Decoder`: a ``ColumnPrimitive`` as it is, any other value through its
/// `Decodable` conformance (an id or an enum from its raw text), and a value that decodes from an
/// object or a list from the column's JSON text.
final class ColumnDecoder: Decoder, SingleValueDecodingContainer, RowCoding {
    /// Thrown where a value asks for an object or a list: the column holds JSON text.
    private struct HoldsJSON: Error {}

    private let value: SQLValue
    /// The column's name, for errors.
    private let name: String

    init(value: SQLValue, name: String) {
        self.value = value
        self.name = name
    }

    /// The column's value as a `T`.
    ///
    /// - Throws: ``StorageError/Code/corruptRow`` when the column holds no `T`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let primitive = type as? any ColumnPrimitive.Type {
            guard let decoded = try self.primitive(primitive) as? T else { throw StorageError.corruptRow(column: name) }
            return decoded
        }
        do {
            do {
                return try T(from: self)
            } catch is HoldsJSON {
                guard let text = value.text else { throw StorageError.corruptRow(column: name) }
                return try RowJSON.decoder.decode(T.self, from: Data(text.utf8))
            }
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError.corruptRow(column: name)
        }
    }

    // The values records hold most, without a cast.
    func decode(_ type: String.Type) throws -> String { try primitive(type) }
    func decode(_ type: Int.Type) throws -> Int { try primitive(type) }
    func decode(_ type: Bool.Type) throws -> Bool { try primitive(type) }
    func decode(_ type: Double.Type) throws -> Double { try primitive(type) }

    private func primitive<T: ColumnPrimitive>(_ type: T.Type) throws -> T {
        guard let decoded = T(column: value) else { throw StorageError.corruptRow(column: name) }
        return decoded
    }

    func decodeNil() -> Bool { value == .null }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw HoldsJSON() }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw HoldsJSON() }
}
