import Foundation

/// Converts between `Codable` values and ``JSONValue`` the way the API speaks: times as RFC 3339
/// strings (``Timestamp``), numbers as JSON numbers.
enum PluginJSON {
    /// `value` as JSON. The bytes read back are the ones `JSONEncoder` just wrote from a Swift value,
    /// never input from outside: a plug-in's values come from params the strict parser already read
    /// (at most 64 levels deep), far inside what Foundation's decoder handles.
    static func encode(_ value: some Encodable) throws -> JSONValue {
        if let json = value as? JSONValue { return json }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value))
    }

    /// `json` as a `Value`. - Throws: a `DecodingError` when it does not fit.
    static func decode<Value: Decodable>(_ type: Value.Type, from json: JSONValue) throws -> Value {
        if let json = json as? Value { return json }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 time")
            }
            return date
        }
        return try decoder.decode(Value.self, from: JSONEncoder().encode(json))
    }
}
