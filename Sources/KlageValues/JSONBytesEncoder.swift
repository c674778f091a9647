import Foundation

/// Encodes an `Encodable` value straight to JSON bytes: the bytes Foundation's `JSONEncoder` writes with
/// `.sortedKeys`, `.withoutEscapingSlashes` and times as RFC 3339 (``Timestamp``), without its tree of
/// boxed values. Every response of the API is written by it.
///
/// Keys are sorted by their UTF-8 bytes, as `JSONEncoder` sorts them; a key encoded twice into one
/// object keeps its last value (a view that replaces a member of the record it wraps relies on it).
/// `Data` is base64, a `URL` its text, a `JSONValue` itself, and a value that encodes nothing `{}`. A
/// number that is not finite is refused, as `JSONEncoder` refuses it.
///
/// ```swift
/// let body = try JSONBytesEncoder().encode(view)   // [UInt8]
/// ```
public struct JSONBytesEncoder: Sendable {
    public init() {}

    /// `value` as JSON text. - Throws: `EncodingError.invalidValue` for a number that is not finite.
    public func encode(_ value: some Encodable) throws -> [UInt8] {
        let writer = JSONBytesWriter()
        try writer.write(value, in: nil, at: nil)
        return writer.out.bytes
    }
}

/// The bytes being written, and the one place a value is turned into them.
final class JSONBytesWriter {
    var out = JSONBytes(capacity: 1024)

    /// Writes one value at the end: the common types directly, any other through its `encode(to:)`.
    func write<Value: Encodable>(_ value: Value, in parent: JSONFrame?, at key: (any CodingKey)?) throws {
        // Type identity, not casts: a comparison of two pointers for each of the common types.
        if Value.self == String.self {
            out.appendString(unsafeBitCast(value, to: String.self))
        } else if Value.self == Date.self {
            out.appendString(Timestamp.format(unsafeBitCast(value, to: Date.self)))
        } else if Value.self == JSONValue.self {
            try write(json: value as! JSONValue)
        } else if Value.self == Int.self {
            out.appendInteger(unsafeBitCast(value, to: Int.self))
        } else if Value.self == Bool.self {
            out.append(unsafeBitCast(value, to: Bool.self) ? "true" : "false")
        } else if Value.self == Double.self {
            try write(double: unsafeBitCast(value, to: Double.self), in: parent, at: key)
        } else if Value.self == Int64.self {
            out.appendInteger(unsafeBitCast(value, to: Int64.self))
        } else if Value.self == Float.self {
            try write(float: unsafeBitCast(value, to: Float.self), in: parent, at: key)
        } else if Value.self == Data.self {
            out.appendString((value as! Data).base64EncodedString())
        } else if Value.self == URL.self {
            out.appendString((value as! URL).absoluteString)
        } else if Value.self == Decimal.self {
            out.bytes.append(contentsOf: (value as! Decimal).description.utf8)
        } else {
            let frame = JSONFrame(writer: self, parent: parent, key: key)
            try value.encode(to: JSONFrameEncoder(frame: frame))
            frame.finish()
        }
    }

    func write(double: Double, in parent: JSONFrame?, at key: (any CodingKey)?) throws {
        guard double.isFinite else { throw Self.notANumber(double, in: parent, at: key) }
        out.appendFloatingPoint(double.description)
    }

    func write(float: Float, in parent: JSONFrame?, at key: (any CodingKey)?) throws {
        guard float.isFinite else { throw Self.notANumber(float, in: parent, at: key) }
        out.appendFloatingPoint(float.description)
    }

    /// A JSON tree as `JSONValue`'s own `encode(to:)` writes it: whole numbers below 10^15 as integers.
    func write(json: JSONValue) throws {
        switch json {
        case .null: out.append("null")
        case .bool(let value): out.append(value ? "true" : "false")
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 {
                out.appendInteger(Int64(value))
            } else {
                try write(double: value, in: nil, at: nil)
            }
        case .string(let value): out.appendString(value)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try write(json: element)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted(by: JSONFrame.precedes).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.appendString(key)
                out.append(UInt8(ascii: ":"))
                try write(json: members[key]!)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func notANumber(_ value: Any, in parent: JSONFrame?, at key: (any CodingKey)?) -> EncodingError {
        let path = (parent?.codingPath ?? []) + (key.map { [$0] } ?? [])
        return EncodingError.invalidValue(value, .init(codingPath: path, debugDescription: "\(value) is not a JSON number"))
    }
}
