import Foundation

/// A field declared once and read typed: an operation's param, or a field of a workflow's
/// complaints, actions or contacts.
///
/// The declaration carries the name and kind that the kernel validates and `rpc.discover` lists;
/// the Swift type says what a handler reads. A field is required exactly when its type is not
/// optional, so there is no `required:` flag to keep in step:
///
/// ```swift
/// static let complaintId = Field<ComplaintID>("complaintId", .text(max: 64))   // required
/// static let note = Field<String?>("note", .text(max: 2_000))                  // optional
///
/// let id = try input[complaintId]     // ComplaintID
/// let note = try input[note]          // String?
/// ```
///
/// Any `Decodable` type fits: `String`, `Bool`, `Int`, `Date` (for `.time`), identifiers such as
/// ``ComplaintID``, enums with `String` raw values (for `.choice(of:)`), lists, and structs for
/// `.object([...])` fields. A field with a `default:` may be left out, and reads as its default:
///
/// ```swift
/// static let reached = Field<Bool>("reached", .bool, default: true)   // optional, reads true when absent
/// ```
public struct Field<Value: Decodable & Sendable>: FieldDeclaration, Sendable {
    /// The untyped declaration the kernel validates and `rpc.discover` lists.
    public let spec: FieldSpec
    /// What an absent (or `null`) field reads as, when declared with a default.
    public let defaultValue: Value?

    /// Declares a field.
    ///
    /// - Parameters:
    ///   - name: The JSON name, e.g. `complaintId`.
    ///   - kind: What the kernel accepts, e.g. `.text(max: 64)`; it must fit `Value`.
    ///   - summary: A short description for `rpc.discover` and the workflow view.
    ///   - label: What a form calls it, in each language: needed on a field a person fills in.
    public init(_ name: String, _ kind: FieldSpec.Kind, _ summary: String? = nil, label: LocalizedText? = nil) {
        spec = FieldSpec(name, kind, required: !(Value.self is any OptionalField.Type), summary, label: label)
        defaultValue = nil
    }

    /// Declares a field that may be left out, and then reads as `fallback`.
    public init(
        _ name: String, _ kind: FieldSpec.Kind, _ summary: String? = nil, label: LocalizedText? = nil, default fallback: Value
    ) where Value: Encodable {
        guard let json = try? PluginJSON.encode(fallback) else { preconditionFailure("the default of field \(name) does not encode") }
        spec = FieldSpec(name, kind, required: false, summary, default: json, label: label)
        defaultValue = fallback
    }

    /// The field's name.
    public var name: String { spec.name }

    /// The same field read as optional: a field an action requires is absent on complaints that
    /// have not taken the action yet.
    ///
    /// ```swift
    /// let sharedWith = try complaint.fields[Self.sharedWith.optional] ?? []
    /// ```
    public var optional: Field<Value?> {
        Field<Value?>(FieldSpec(spec.name, spec.kind, required: false, spec.summary, label: spec.label))
    }

    private init(_ spec: FieldSpec) {
        self.spec = spec
        defaultValue = nil
    }

    /// What an optional field reads as when absent: `nil`; `nil` too for a required field.
    static var absent: Value? {
        (Value.self as? any OptionalField.Type).map { $0.absent as! Value }
    }

    /// The field's value in `fields`.
    ///
    /// - Returns: The typed value; `nil` for an optional field that is absent or `null`.
    /// - Throws: ``KlageError/validation(field:reason:)`` naming the field when a required field is
    ///   absent or the value does not fit `Value`.
    public func value(in fields: [String: JSONValue]) throws -> Value {
        let json = fields[spec.name] ?? .null
        if json == .null, let fallback = defaultValue ?? Self.absent {
            return fallback
        }
        if json == .null { throw KlageError.validation(field: spec.name, reason: "is required") }
        do {
            return try PluginJSON.decode(Value.self, from: json)
        } catch {
            throw KlageError.validation(field: spec.name, reason: "must be \(spec.kind.expected)")
        }
    }
}

/// `Optional`, so that ``Field`` can tell optional fields from required ones.
protocol OptionalField {
    static var absent: Self { get }
}

extension Optional: OptionalField {
    static var absent: Self { nil }
}

extension FieldSpec.Kind {
    /// One of the raw values of an enum, e.g. `.choice(of: Decision.self)`.
    public static func choice<Choice: CaseIterable & RawRepresentable>(of type: Choice.Type) -> Self where Choice.RawValue == String {
        .choice(type.allCases.map(\.rawValue))
    }

    /// What a value of this kind is, for messages.
    var expected: String {
        switch self {
        case .text: "a string"
        case .bool: "true or false"
        case .integer(let min, let max): "a whole number between \(min) and \(max)"
        case .number: "a number"
        case .time: "an RFC 3339 time"
        case .choice(let options): "one of: \(options.joined(separator: ", "))"
        case .list: "a list"
        case .object: "an object"
        }
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// A declared field's typed value in these fields (a contact's, a complaint's).
    ///
    /// ```swift
    /// if let agreement = try contact.fields[Triangle.agreement] { … }
    /// ```
    /// - Throws: validation naming the field when it is required and absent, or does not fit.
    public subscript<Wanted: Decodable & Sendable>(field: Field<Wanted>) -> Wanted {
        get throws { try field.value(in: self) }
    }
}
