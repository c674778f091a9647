import Foundation
import KlageKernel

/// Turns a param's JSON into its field's typed value, naming the field in every error.
///
/// A missing field or a wrong JSON type is -32602 (invalid params); a value of the right type that
/// breaks a rule (an unknown enum value, a malformed time) is -32022 (validation failed).
///
/// Params are decoded straight from the tree the strict ``JSONParser`` built, by ``JSONValueDecoder``:
/// never re-encoded, and never read by Foundation's parser.
enum ParamsDecoder {
    /// `json`, the value of param `name`, as a `Value`; errors name the path from the param down (`citizen.phone`).
    static func decode<Value: Decodable>(_ type: Value.Type, from json: JSONValue, at name: String) throws -> Value {
        do {
            return try JSONValueDecoder().decode(Value.self, from: json, at: [FieldKey(name)])
        } catch let error as DecodingError {
            throw map(error)
        }
    }

    private static func map(_ error: DecodingError) -> any Error {
        switch error {
        case .keyNotFound(let key, let context):
            return RPCError.invalidParams(field: path(context.codingPath + [key]), reason: "is required")
        case .valueNotFound(_, let context):
            return RPCError.invalidParams(field: path(context.codingPath), reason: "must not be null")
        case .typeMismatch(let type, let context):
            return RPCError.invalidParams(field: path(context.codingPath), reason: "must be \(jsonName(of: type))")
        case .dataCorrupted(let context):
            if let klage = context.underlyingError as? KlageError { return klage }
            let field = path(context.codingPath)
            return KlageError.validation(field: field.isEmpty ? "params" : field, reason: reason(context))
        @unknown default:
            return RPCError.invalidParams(field: nil, reason: "cannot be read")
        }
    }

    /// The rule a value broke, from a decoding error's context (an enum's unknown value named plainly).
    static func reason(_ context: DecodingError.Context) -> String {
        let text = context.debugDescription
        if let range = text.range(of: "from invalid String value ") {
            return "'\(text[range.upperBound...])' is not an allowed value"
        }
        return text
    }

    /// `citizen.phone`, `tasks[2].title`: where a value sits in the params.
    static func path(_ keys: [any CodingKey]) -> String {
        var result = ""
        for key in keys {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += (result.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return result
    }

    /// What a JSON value of `type` is called in an error: "a string", "a number", …
    static func jsonName(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
