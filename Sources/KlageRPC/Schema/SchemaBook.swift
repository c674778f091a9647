import Foundation
import KlageKernel

/// Works out JSON Schemas from the types that encode results, and keeps the named ones
/// (``WireComponent``) for the document's `components.schemas`.
///
/// A value is recorded by encoding it through a recording encoder: each key it writes becomes a
/// property, its value's schema worked out in turn. Text, numbers, booleans, times, ``KlageKernel/JSONValue``,
/// dictionaries, identifiers (text `RawRepresentable`s) and enums of text (also `CaseIterable`, as `oneOf`)
/// are known by their type alone.
///
/// ```swift
/// let book = SchemaBook()
/// let schema = book.describe(type: PageView<ComplaintView>.self)   // {items: [$ref Complaint], nextCursor}
/// book.components["Complaint"]                                      // the complaint's schema
/// ```
public final class SchemaBook {
    /// The named schemas described so far.
    public private(set) var components: [String: RPCSchema] = [:]
    private var describing: Set<String> = []

    public init() {}

    /// The schema of `value`'s encoding.
    public func record<Value: Encodable>(_ value: Value) -> RPCSchema {
        let node = SchemaNode()
        do {
            try value.encode(to: RecordingEncoder(book: self, node: node))
        } catch {
            preconditionFailure("recording the schema of \(Value.self) failed: \(error)")
        }
        return node.schema
    }

    /// A reference to the component `name`, described by `describe` the first time it is met.
    public func component(_ name: String, _ describe: (SchemaBook) -> RPCSchema) -> RPCSchema {
        if components[name] == nil, !describing.contains(name) {
            describing.insert(name)
            components[name] = describe(self)
            describing.remove(name)
        }
        return .ref(name)
    }

    /// The schema of a value met while recording: by its type where that says it all, else by its encoding.
    func describe<Value: Encodable>(value: Value) -> RPCSchema {
        if Value.self == String.self, let text = value as? String { return Self.text(text) }
        if let known = Self.plain(Value.self) { return known }
        if let described = Value.self as? any WireDescribed.Type { return described.describe(in: self) }
        if let holder = value as? any EncodableHolder {
            if let held = holder.held { return Self.holding(describe(value: held), in: Value.self) }
            return describe(type: Value.self)
        }
        return record(value)
    }

    /// The schema of a type, without a value: a `nil` met, or an empty list.
    ///
    /// A struct type must describe itself (``WireDescribed``): its shape cannot be seen without a value.
    public func describe<Value: Encodable>(type: Value.Type) -> RPCSchema {
        if let known = Self.plain(Value.self) { return known }
        if let described = Value.self as? any WireDescribed.Type { return described.describe(in: self) }
        if let holder = Value.self as? any EncodableHolder.Type { return Self.holding(describe(type: holder.heldType), in: Value.self) }
        preconditionFailure("the shape of \(Value.self) is unknown without a value: make it a WireSample, or give the sample one")
    }

    /// What an `Optional` or a list of `held` is: the schema or `null`, or a list of it.
    private static func holding(_ held: RPCSchema, in holder: Any.Type) -> RPCSchema {
        holder is any ExpressibleByNilLiteral.Type ? .nullable(held) : .array(held)
    }

    /// A text written: a time where the sample's text is one (a record that writes its times as text), else text.
    static func text(_ value: String) -> RPCSchema {
        Timestamp.parse(value) == nil ? .string : .dateTime
    }

    /// The schema of a type known by the type alone, or `nil`.
    private static func plain(_ type: Any.Type) -> RPCSchema? {
        switch type {
        case is String.Type: return .string
        case is Bool.Type: return .boolean
        case is Date.Type: return .dateTime
        case is Double.Type, is Float.Type: return .number
        case is any BinaryInteger.Type: return .integer()
        case is JSONValue.Type: return .anyJSON
        case is any EncodableStringDictionary.Type: return .anyObject
        default: break
        }
        if let choice = type as? any (CaseIterable & RawRepresentable<String>).Type { return .oneOf(rawValues(of: choice)) }
        if type is any RawRepresentable<String>.Type { return .string }
        return nil
    }

    private static func rawValues<Choice: CaseIterable & RawRepresentable<String>>(of type: Choice.Type) -> [String] {
        type.allCases.map(\.rawValue)
    }
}

/// An `Optional` or a list, told apart while recording: what it holds (its value, its first element),
/// or, when it holds nothing, the type it would hold.
protocol EncodableHolder {
    var held: (any Encodable)? { get }
    static var heldType: any Encodable.Type { get }
}

extension Optional: EncodableHolder where Wrapped: Encodable {
    var held: (any Encodable)? { self }
    static var heldType: any Encodable.Type { Wrapped.self }
}

extension Array: EncodableHolder where Element: Encodable {
    var held: (any Encodable)? { first }
    static var heldType: any Encodable.Type { Element.self }
}

/// A dictionary keyed by text: an object of any members.
protocol EncodableStringDictionary {}

extension Dictionary: EncodableStringDictionary where Key == String {}
