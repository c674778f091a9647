/// Converts between `Codable` values and `JSONValue` the way the API speaks: times as RFC 3339
/// strings (`Timestamp`), numbers as JSON numbers. Straight between the value and the tree: no bytes
/// are written or read back, so nothing here parses JSON.
enum PluginJSON {
    /// `value` as JSON.
    static func encode(_ value: some Encodable) throws -> JSONValue {
        try JSONValueEncoder().encode(value)
    }

    /// `json` as a `Value`. - Throws: a `DecodingError` when it does not fit.
    static func decode<Value: Decodable>(_ type: Value.Type, from json: JSONValue) throws -> Value {
        try JSONValueDecoder().decode(Value.self, from: json)
    }
}
