import Foundation
import KlageKernel

/// What one value's encoding wrote: an object's properties, a list's elements, or one value. Nested
/// containers are nodes of their own, filled after they are handed out, so a schema is read at the end.
final class SchemaNode {
    private enum Shape {
        case unknown
        case value(RPCSchema)
        case object([String: (node: SchemaNode, required: Bool)])
        case list(SchemaNode?)
    }

    private var shape = Shape.unknown

    init(_ schema: RPCSchema? = nil) {
        if let schema { shape = .value(schema) }
    }

    /// The schema of what was written; any JSON when nothing was.
    var schema: RPCSchema {
        switch shape {
        case .unknown: .anyJSON
        case .value(let schema): schema
        case .object(let members):
            .object(members.mapValues(\.node.schema), required: members.filter(\.value.required).keys.sorted())
        case .list(let element): .array(element?.schema ?? .anyJSON)
        }
    }

    func becomeObject() {
        if case .object = shape { return }
        shape = .object([:])
    }

    func becomeList() {
        if case .list = shape { return }
        shape = .list(nil)
    }

    /// Records a property; a key written again (a view replacing what its record wrote) replaces it.
    func set(_ key: String, _ node: SchemaNode, required: Bool) {
        guard case .object(var members) = shape else { return }
        members[key] = (node, required)
        shape = .object(members)
    }

    func set(_ key: String, _ schema: RPCSchema, required: Bool) {
        set(key, SchemaNode(schema), required: required)
    }

    /// Records a list's element; the first one written stands for all.
    func add(element node: SchemaNode) {
        if case .list(nil) = shape { shape = .list(node) }
    }

    func set(value schema: RPCSchema) {
        shape = .value(schema)
    }
}

/// An encoder that writes nothing but records the shape of what it is given into a ``SchemaNode``.
struct RecordingEncoder: Encoder {
    let book: SchemaBook
    let node: SchemaNode
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(KeyedRecorder<Key>(book: book, node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeList()
        return UnkeyedRecorder(book: book, node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueRecorder(book: book, node: node, codingPath: codingPath)
    }
}

/// Records an object's properties: required when written with `encode`, optional with `encodeIfPresent`.
private struct KeyedRecorder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let book: SchemaBook
    let node: SchemaNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) { node.set(key.stringValue, .nullable(.anyJSON), required: true) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) {
        node.set(key.stringValue, book.describe(value: value), required: true)
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) {
        node.set(key.stringValue, value.map { book.describe(value: $0) } ?? book.describe(type: T.self), required: false)
    }

    mutating func encode(_ value: Bool, forKey key: Key) { node.set(key.stringValue, .boolean, required: true) }
    mutating func encode(_ value: String, forKey key: Key) { node.set(key.stringValue, SchemaBook.text(value), required: true) }
    mutating func encode(_ value: Double, forKey key: Key) { node.set(key.stringValue, .number, required: true) }
    mutating func encode(_ value: Float, forKey key: Key) { node.set(key.stringValue, .number, required: true) }
    mutating func encode(_ value: Int, forKey key: Key) { node.set(key.stringValue, .integer(), required: true) }
    mutating func encode(_ value: Int8, forKey key: Key) { node.set(key.stringValue, .integer(), required: true) }
    mutating func encode(_ value: Int16, forKey key: Key) { node.set(key.stringValue, .integer(), required: true) }
    mutating func encode(_ value: Int32, forKey key: Key) { node.set(key.stringValue, .integer(), required: true) }
    mutating func encode(_ value: Int64, forKey key: Key) { node.set(key.stringValue, .integer(), required: true) }
    mutating func encode(_ value: UInt, forKey key: Key) { node.set(key.stringValue, .integer(), required: true) }
    mutating func encode(_ value: UInt8, forKey key: Key) { node.set(key.stringValue, .integer(), required: true) }
    mutating func encode(_ value: UInt16, forKey key: Key) { node.set(key.stringValue, .integer(), required: true) }
    mutating func encode(_ value: UInt32, forKey key: Key) { node.set(key.stringValue, .integer(), required: true) }
    mutating func encode(_ value: UInt64, forKey key: Key) { node.set(key.stringValue, .integer(), required: true) }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) { node.set(key.stringValue, .boolean, required: false) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) {
        node.set(key.stringValue, value.map(SchemaBook.text) ?? .string, required: false)
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) { node.set(key.stringValue, .number, required: false) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) { node.set(key.stringValue, .number, required: false) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) { node.set(key.stringValue, .integer(), required: false) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) { node.set(key.stringValue, .integer(), required: false) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) { node.set(key.stringValue, .integer(), required: false) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) { node.set(key.stringValue, .integer(), required: false) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) { node.set(key.stringValue, .integer(), required: false) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) { node.set(key.stringValue, .integer(), required: false) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) { node.set(key.stringValue, .integer(), required: false) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) { node.set(key.stringValue, .integer(), required: false) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) { node.set(key.stringValue, .integer(), required: false) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) { node.set(key.stringValue, .integer(), required: false) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = SchemaNode()
        node.set(key.stringValue, child, required: true)
        return RecordingEncoder(book: book, node: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = SchemaNode()
        node.set(key.stringValue, child, required: true)
        return RecordingEncoder(book: book, node: child, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { RecordingEncoder(book: book, node: node, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { RecordingEncoder(book: book, node: node, codingPath: codingPath) }
}

/// Records a list's elements by the first one.
private struct UnkeyedRecorder: UnkeyedEncodingContainer {
    let book: SchemaBook
    let node: SchemaNode
    let codingPath: [any CodingKey]
    private(set) var count = 0

    init(book: SchemaBook, node: SchemaNode, codingPath: [any CodingKey]) {
        self.book = book
        self.node = node
        self.codingPath = codingPath
    }

    mutating func encodeNil() { add(SchemaNode(.nullable(.anyJSON))) }
    mutating func encode<T: Encodable>(_ value: T) { add(SchemaNode(book.describe(value: value))) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = SchemaNode()
        add(child)
        return RecordingEncoder(book: book, node: child, codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = SchemaNode()
        add(child)
        return RecordingEncoder(book: book, node: child, codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { RecordingEncoder(book: book, node: node, codingPath: codingPath) }

    private mutating func add(_ element: SchemaNode) {
        node.add(element: element)
        count += 1
    }
}

/// Records one value.
private struct SingleValueRecorder: SingleValueEncodingContainer {
    let book: SchemaBook
    let node: SchemaNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() { node.set(value: .nullable(.anyJSON)) }
    mutating func encode<T: Encodable>(_ value: T) { node.set(value: book.describe(value: value)) }
}
