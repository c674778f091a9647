public import KlageKernel

/// A JSON Schema, as the OpenRPC document of `rpc.discover` shows params and results.
///
/// A param's schema comes from its field's kind (``init(_:)``); a result's is worked out from the type
/// that encodes it (``SchemaBook``).
public indirect enum RPCSchema: Sendable, Hashable {
    case string
    /// An RFC 3339 time.
    case dateTime
    case integer(minimum: Int? = nil, maximum: Int? = nil)
    case number
    case boolean
    case oneOf([String])
    case array(RPCSchema)
    /// An object with the given properties; `required` names the ones that must be present.
    case object([String: RPCSchema], required: [String] = [])
    /// Any JSON object (plug-in fields, settings).
    case anyObject
    /// Any JSON value at all.
    case anyJSON
    /// A named schema in `components.schemas`.
    case ref(String)
    /// The schema or null.
    case nullable(RPCSchema)

    /// The schema as JSON.
    public var json: JSONValue {
        switch self {
        case .string: ["type": "string"]
        case .dateTime: ["type": "string", "format": "date-time"]
        case .integer(let minimum, let maximum):
            .object(
                ["type": "integer"].merging(
                    [("minimum", minimum.map { JSONValue.number(Double($0)) }), ("maximum", maximum.map { JSONValue.number(Double($0)) })]
                        .compactMap { key, value in value.map { (key, $0) } }, uniquingKeysWith: { $1 }))
        case .boolean: ["type": "boolean"]
        case .number: ["type": "number"]
        case .oneOf(let values): ["type": "string", "enum": .array(values.map(JSONValue.string))]
        case .array(let items): ["type": "array", "items": items.json]
        case .object(let properties, let required):
            .object(
                [
                    "type": "object",
                    "properties": .object(properties.mapValues(\.json)),
                ].merging(required.isEmpty ? [:] : ["required": .array(required.sorted().map(JSONValue.string))]) { $1 })
        case .anyObject: ["type": "object"]
        case .anyJSON: [:]
        case .ref(let name): ["$ref": .string("#/components/schemas/\(name)")]
        case .nullable(let schema): ["oneOf": [schema.json, ["type": "null"]]]
        }
    }
}

extension RPCSchema {
    /// The schema of a field's kind; bounds at the edge of `Int` are left out, and an object that declares
    /// no fields is any object.
    public init(_ kind: FieldSpec.Kind) {
        switch kind {
        case .text: self = .string
        case .bool: self = .boolean
        case .integer(let min, let max): self = .integer(minimum: min == .min ? nil : min, maximum: max == .max ? nil : max)
        case .number: self = .number
        case .time: self = .dateTime
        case .choice(let options): self = .oneOf(options)
        case .list(let element, _): self = .array(RPCSchema(element))
        case .object(let fields) where fields.isEmpty: self = .anyObject
        case .object(let fields):
            self = .object(
                Dictionary(uniqueKeysWithValues: fields.map { ($0.name, RPCSchema($0.kind)) }), required: fields.filter(\.required).map(\.name))
        }
    }
}
