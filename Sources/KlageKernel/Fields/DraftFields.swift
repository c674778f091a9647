/// Reads declared fields typed: a method's params, once the RPC layer has decoded them.
public protocol FieldReader {
    /// The field's typed value.
    ///
    /// - Throws: when the field is missing or its value does not fit.
    func value<Value>(of field: Field<Value>) throws -> Value
}

/// The fields of a draft (what a caller gives to create a record), each declared once and bound to the
/// property it fills: the one declaration is the param `rpc.discover` lists, how it is decoded, and
/// where its value goes.
///
/// ```swift
/// static let params = DraftFields(NewContact(complaintId: "", kind: .phone, occurredAt: .distantPast, summary: ""), [
///     DraftField(\.complaintId, "complaintId", .text(max: 64)),
///     DraftField(\.reached, "reached", .bool, "false records a failed attempt", default: true),
///     DraftField(\.agreement, "agreement", .text(max: 10_000), "who does what, by when"),
/// ])
/// ```
///
/// A field is required exactly when its property is not optional and it has no default. The `blank`
/// draft is filled in field by field; every required field overwrites its blank value.
public struct DraftFields<Draft: Sendable>: Sendable {
    private let blank: Draft
    /// The declarations, in the order they are listed and checked.
    public let fields: [DraftField<Draft>]

    /// Declares a draft's fields over a blank draft.
    public init(_ blank: Draft, _ fields: [DraftField<Draft>]) {
        precondition(Set(fields.map(\.spec.name)).count == fields.count, "a draft declares a field twice")
        self.blank = blank
        self.fields = fields
    }

    /// The typed declarations, as a method's params.
    public var declarations: [any FieldDeclaration] { fields.map(\.field) }

    /// The untyped declarations.
    public var specs: [FieldSpec] { fields.map(\.spec) }

    /// The draft the reader's fields make.
    ///
    /// - Throws: what the reader throws for a missing or unfitting field.
    public func read(from reader: some FieldReader) throws -> Draft {
        var draft = blank
        for field in fields { try field.fill(&draft, reader) }
        return draft
    }

    /// The draft decoded from a keyed container: a required field missing is `keyNotFound`, an optional
    /// one absent or `null` is `nil`, a defaulted one absent or `null` is its default.
    ///
    /// ```swift
    /// public init(from decoder: any Decoder) throws { self = try Self.fields.decode(from: decoder) }
    /// ```
    public func decode(from decoder: any Decoder) throws -> Draft {
        let container = try decoder.container(keyedBy: FieldKey.self)
        var draft = blank
        for field in fields { try field.decode(&draft, container) }
        return draft
    }
}

/// One field of a draft and the property it fills; see ``DraftFields``.
public struct DraftField<Draft>: Sendable {
    /// The typed ``Field``, as a param.
    public let field: any FieldDeclaration
    /// The untyped declaration.
    public var spec: FieldSpec { field.spec }
    let fill: @Sendable (inout Draft, any FieldReader) throws -> Void
    let decode: @Sendable (inout Draft, KeyedDecodingContainer<FieldKey>) throws -> Void

    /// Binds `field` to `property`.
    public init<Value: Decodable & Sendable>(_ property: any WritableKeyPath<Draft, Value> & Sendable, _ field: Field<Value>) {
        self.field = field
        fill = { draft, reader in draft[keyPath: property] = try reader.value(of: field) }
        decode = { draft, container in
            let key = FieldKey(field.name)
            if field.spec.required {
                draft[keyPath: property] = try container.decode(Value.self, forKey: key)
            } else if let value = try container.decodeIfPresent(Value.self, forKey: key) ?? field.defaultValue ?? Field<Value>.absent {
                draft[keyPath: property] = value
            }
        }
    }

    /// Declares a field of `property`: required unless its type is optional.
    public init<Value: Decodable & Sendable>(
        _ property: any WritableKeyPath<Draft, Value> & Sendable, _ name: String, _ kind: FieldSpec.Kind, _ summary: String? = nil
    ) {
        self.init(property, Field<Value>(name, kind, summary))
    }

    /// Declares a field of `property` that may be left out, and then is `fallback`.
    public init<Value: Codable & Sendable>(
        _ property: any WritableKeyPath<Draft, Value> & Sendable, _ name: String, _ kind: FieldSpec.Kind, _ summary: String? = nil,
        default fallback: Value
    ) {
        self.init(property, Field<Value>(name, kind, summary, default: fallback))
    }
}

/// A field's name as a coding key.
public struct FieldKey: CodingKey, Sendable {
    public let stringValue: String
    public var intValue: Int? { nil }

    public init(_ name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
