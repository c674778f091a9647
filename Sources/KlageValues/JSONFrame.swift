/// One value being written by its `encode(to:)`: its members or elements go straight into the writer's
/// bytes as they come, and ``finish()`` puts them in order (an object's keys sorted, a key written twice
/// kept last) with the brackets and commas around them.
final class JSONFrame {
    enum Kind { case unset, object, array, single }

    /// One member or element: the bytes it was written to, or a nested container written on its own.
    struct Piece {
        var key: String
        var range: Range<Int>
        var nested: JSONFrame?
    }

    let writer: JSONBytesWriter
    let parent: JSONFrame?
    let key: (any CodingKey)?
    let start: Int
    var kind = Kind.unset
    var pieces: [Piece] = []

    init(writer: JSONBytesWriter, parent: JSONFrame?, key: (any CodingKey)?) {
        self.writer = writer
        self.parent = parent
        self.key = key
        start = writer.out.bytes.count
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var frame: JSONFrame? = self
        while let current = frame {
            if let key = current.key { path.append(key) }
            frame = current.parent
        }
        return path.reversed()
    }

    /// Writes one member (`key`) or element (`key` empty) with `body`, remembering where it went.
    func piece(_ key: String, _ body: (JSONBytesWriter) throws -> Void) rethrows {
        let from = writer.out.bytes.count
        try body(writer)
        pieces.append(Piece(key: key, range: from..<writer.out.bytes.count))
    }

    /// A container opened inside this one, which may be written to after later members: it gets a writer of its own.
    func nested(_ key: any CodingKey, named name: String) -> JSONFrame {
        let frame = JSONFrame(writer: JSONBytesWriter(), parent: self, key: key)
        pieces.append(Piece(key: name, range: 0..<0, nested: frame))
        return frame
    }

    /// Puts the written pieces in their final order and form, in place of what was written.
    func finish() {
        switch kind {
        case .single: return
        case .unset where pieces.isEmpty:
            writer.out.append("{}")
            return
        case .unset, .object, .array: break
        }
        let written = Array(writer.out.bytes[start...])
        writer.out.bytes.removeSubrange(start...)
        let isObject = kind != .array
        var order = Array(pieces.indices)
        if isObject {
            // Sorted by key, a repeated key in the order written; then only the last of each key is kept.
            order.sort { pieces[$0].key == pieces[$1].key ? $0 < $1 : Self.precedes(pieces[$0].key, pieces[$1].key) }
            order = order.enumerated().filter { $0.offset + 1 == order.count || pieces[order[$0.offset + 1]].key != pieces[$0.element].key }.map(
                \.element)
        }
        writer.out.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        for (position, index) in order.enumerated() {
            if position > 0 { writer.out.append(UInt8(ascii: ",")) }
            let piece = pieces[index]
            if isObject {
                writer.out.appendString(piece.key)
                writer.out.append(UInt8(ascii: ":"))
            }
            if let nested = piece.nested {
                nested.finish()
                writer.out.bytes.append(contentsOf: nested.writer.out.bytes)
            } else {
                writer.out.bytes.append(contentsOf: written[(piece.range.lowerBound - start)..<(piece.range.upperBound - start)])
            }
        }
        writer.out.append(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    /// `JSONEncoder`'s order of keys: by their UTF-8 bytes.
    static func precedes(_ first: String, _ second: String) -> Bool {
        first.utf8.lexicographicallyPrecedes(second.utf8)
    }
}

/// The `Encoder` a value's `encode(to:)` writes into its frame through.
struct JSONFrameEncoder: Encoder {
    let frame: JSONFrame
    var codingPath: [any CodingKey] { frame.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if frame.kind == .unset { frame.kind = .object }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(frame: frame))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if frame.kind == .unset { frame.kind = .array }
        return JSONUnkeyedContainer(frame: frame)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        if frame.kind == .unset { frame.kind = .single }
        return self
    }
}

extension JSONFrameEncoder: SingleValueEncodingContainer {
    mutating func encodeNil() throws { frame.writer.out.append("null") }
    mutating func encode(_ value: Bool) throws { frame.writer.out.append(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { frame.writer.out.appendString(value) }
    mutating func encode(_ value: Int) throws { frame.writer.out.appendInteger(value) }
    mutating func encode(_ value: Double) throws { try frame.writer.write(double: value, in: frame.parent, at: frame.key) }
    mutating func encode(_ value: Float) throws { try frame.writer.write(float: value, in: frame.parent, at: frame.key) }
    // Every integer type here: the protocol's default would hand them to `encode<T>`, and back to their `encode(to:)`.
    mutating func encode(_ value: Int8) throws { frame.writer.out.appendInteger(value) }
    mutating func encode(_ value: Int16) throws { frame.writer.out.appendInteger(value) }
    mutating func encode(_ value: Int32) throws { frame.writer.out.appendInteger(value) }
    mutating func encode(_ value: Int64) throws { frame.writer.out.appendInteger(value) }
    mutating func encode(_ value: UInt) throws { frame.writer.out.appendInteger(value) }
    mutating func encode(_ value: UInt8) throws { frame.writer.out.appendInteger(value) }
    mutating func encode(_ value: UInt16) throws { frame.writer.out.appendInteger(value) }
    mutating func encode(_ value: UInt32) throws { frame.writer.out.appendInteger(value) }
    mutating func encode(_ value: UInt64) throws { frame.writer.out.appendInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try frame.writer.write(value, in: frame.parent, at: frame.key) }
}

struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let frame: JSONFrame
    var codingPath: [any CodingKey] { frame.codingPath }

    mutating func encodeNil(forKey key: Key) throws { frame.piece(key.stringValue) { $0.out.append("null") } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { frame.piece(key.stringValue) { $0.out.append(value ? "true" : "false") } }
    mutating func encode(_ value: String, forKey key: Key) throws { frame.piece(key.stringValue) { $0.out.appendString(value) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { frame.piece(key.stringValue) { $0.out.appendInteger(value) } }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        try frame.piece(key.stringValue) { try $0.write(double: value, in: frame, at: key) }
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try frame.piece(key.stringValue) { try $0.write(value, in: frame, at: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        JSONFrameEncoder(frame: frame.nested(key, named: key.stringValue)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        JSONFrameEncoder(frame: frame.nested(key, named: key.stringValue)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        JSONFrameEncoder(frame: frame.nested(JSONIndexKey(stringValue: "super"), named: "super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        JSONFrameEncoder(frame: frame.nested(key, named: key.stringValue))
    }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let frame: JSONFrame
    var codingPath: [any CodingKey] { frame.codingPath }
    var count: Int { frame.pieces.count }

    mutating func encodeNil() throws { frame.piece("") { $0.out.append("null") } }
    mutating func encode(_ value: Bool) throws { frame.piece("") { $0.out.append(value ? "true" : "false") } }
    mutating func encode(_ value: String) throws { frame.piece("") { $0.out.appendString(value) } }
    mutating func encode(_ value: Int) throws { frame.piece("") { $0.out.appendInteger(value) } }

    mutating func encode(_ value: Double) throws {
        let key = JSONIndexKey(intValue: count)
        try frame.piece("") { try $0.write(double: value, in: frame, at: key) }
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let key = JSONIndexKey(intValue: count)
        try frame.piece("") { try $0.write(value, in: frame, at: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        JSONFrameEncoder(frame: frame.nested(JSONIndexKey(intValue: count), named: "")).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONFrameEncoder(frame: frame.nested(JSONIndexKey(intValue: count), named: "")).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        JSONFrameEncoder(frame: frame.nested(JSONIndexKey(intValue: count), named: ""))
    }
}

/// An array element's place (or `super`) in a coding path; its text is made only when asked for.
struct JSONIndexKey: CodingKey {
    let name: String?
    let intValue: Int?
    var stringValue: String { name ?? "Index \(intValue ?? 0)" }

    init(intValue: Int) {
        name = nil
        self.intValue = intValue
    }

    init(stringValue: String) {
        name = stringValue
        intValue = nil
    }
}
