public import KlageKernel

/// A JSON Schema, small enough to write by hand for each method's params and results.
///
/// Rendered into the OpenRPC document of `rpc.discover`.
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
    /// The schema, with the value used when the param is left out.
    case defaulted(RPCSchema, JSONValue)

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
        case .defaulted(let schema, let value): .object((schema.json.objectValue ?? [:]).merging(["default": value]) { $1 })
        }
    }
}

/// One named parameter of a method, for the OpenRPC document.
public struct RPCParam: Sendable, Hashable {
    public let name: String
    public let schema: RPCSchema
    public let required: Bool
    public let summary: String?

    public init(_ name: String, _ schema: RPCSchema, required: Bool = false, _ summary: String? = nil) {
        self.name = name
        self.schema = schema
        self.required = required
        self.summary = summary
    }
}
