import Foundation

/// Encodes an `Encodable` value straight into a ``JSONValue``, without writing bytes and reading them
/// back: the counterpart of ``JSONValueDecoder``.
///
/// The tree is the one Foundation's `JSONEncoder` would write: numbers as JSON numbers, a `Date` as RFC
/// 3339 text (``Timestamp``), `Data` as base64, a `URL` as its text, a `JSONValue` as itself, and a value
/// that encodes nothing as `{}`. A number that is not finite is refused, as `JSONEncoder` refuses it.
///
/// ```swift
/// let json = try JSONValueEncoder().encode(record)
/// ```
public struct JSONValueEncoder {
    public init() {}

    /// `value` as a JSON tree. - Throws: `EncodingError.invalidValue` for a number that is not finite.
    public func encode(_ value: some Encodable) throws -> JSONValue {
        try Self.box(value, at: [])
    }

    /// One value, encoded where it sits.
    fileprivate static func box(_ value: some Encodable, at codingPath: [any CodingKey]) throws -> JSONValue {
        switch value {
        case let json as JSONValue: return json
        case let date as Date: return .string(Timestamp.format(date))
        case let data as Data: return .string(data.base64EncodedString())
        case let url as URL: return .string(url.absoluteString)
        case let decimal as Decimal: return .number(NSDecimalNumber(decimal: decimal).doubleValue)
        case let bool as Bool: return .bool(bool)
        case let text as String: return .string(text)
        case let number as any BinaryInteger: return .number(Double(number))
        case let number as any BinaryFloatingPoint:
            let double = Double(number)
            guard double.isFinite else {
                throw EncodingError.invalidValue(number, .init(codingPath: codingPath, debugDescription: "\(number) is not a JSON number"))
            }
            return .number(double)
        default:
            let node = Node()
            try value.encode(to: ValueEncoder(node: node, codingPath: codingPath))
            return node.json
        }
    }
}

/// A value being filled by its containers; nested containers fill nodes of their own.
private final class Node {
    enum Content {
        case unset
        case value(JSONValue)
        case object([String: Node])
        case array([Node])
    }

    var content = Content.unset

    var json: JSONValue {
        switch content {
        case .unset: .object([:])
        case .value(let value): value
        case .object(let members): .object(members.mapValues(\.json))
        case .array(let elements): .array(elements.map(\.json))
        }
    }

    /// The member `key`, made as this node becomes (or stays) an object.
    func member(_ key: String) -> Node {
        var members: [String: Node] = [:]
        if case .object(let existing) = content { members = existing }
        if let node = members[key] { return node }
        let node = Node()
        members[key] = node
        content = .object(members)
        return node
    }

    /// A new last element, as this node becomes (or stays) an array.
    func append() -> Node {
        var elements: [Node] = []
        if case .array(let existing) = content { elements = existing }
        let node = Node()
        content = .array(elements + [node])
        return node
    }

    var count: Int {
        if case .array(let elements) = content { return elements.count }
        return 0
    }
}

private struct ValueEncoder: Encoder {
    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([:]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }
}

extension ValueEncoder: SingleValueEncodingContainer {
    mutating func encodeNil() throws { node.content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { node.content = .value(try JSONValueEncoder.box(value, at: codingPath)) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.member(key.stringValue).content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.member(key.stringValue).content = .value(try JSONValueEncoder.box(value, at: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        ValueEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        ValueEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(node: node.member("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { ValueEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]
    var count: Int { node.count }

    mutating func encodeNil() throws { node.append().content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [IndexKey(count)]
        node.append().content = .value(try JSONValueEncoder.box(value, at: path))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = codingPath + [IndexKey(count)]
        return ValueEncoder(node: node.append(), codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [IndexKey(count)]
        return ValueEncoder(node: node.append(), codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let path = codingPath + [IndexKey(count)]
        return ValueEncoder(node: node.append(), codingPath: path)
    }
}

/// An array element's place in a coding path.
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}
