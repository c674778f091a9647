import Foundation
public import KlageKernel

/// A request id: a string, a number or null, echoed back exactly as the caller sent it.
///
/// A number keeps its literal text, because JSON-RPC 2.0 asks for the same id back and a `Double`
/// cannot hold every JSON number: `9007199254740993` would come back as `9007199254740992`,
/// `12345678901234567890` as `1.2345678901234567e+19`, and `1.5e3` as `1500`.
///
/// ```swift
/// RPCID.number("9007199254740993").literal  // "9007199254740993", written as is in the response
/// ```
public enum RPCID: Sendable, Hashable {
    case string(String)
    /// A number, as the literal text of the request (`-0`, `1.5e3` and `1E400` stay as they are).
    case number(String)
    case null

    /// The id as a JSON value; a number's value is the nearest `Double`, which may differ from the literal.
    public var json: JSONValue {
        switch self {
        case .string(let value): .string(value)
        case .number(let literal): .number(Double(literal) ?? 0)
        case .null: .null
        }
    }

    /// The JSON text of a number id known only by its value (a request not read by ``JSONParser``).
    static func literal(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// The id as JSON text for the response: a number's literal verbatim when it is a JSON number.
    ///
    /// A literal that is not a JSON number (only possible when a caller builds an `RPCID` by hand)
    /// is written as `null` rather than breaking the response.
    var jsonText: Data {
        switch self {
        case .number(let literal):
            let bytes = Data(literal.utf8)
            if case .number? = try? JSONParser(maximumDepth: 1).parse(bytes) { return bytes }
            return Data("null".utf8)
        case .string, .null:
            return (try? RPCResponse.encode(json)) ?? Data("null".utf8)
        }
    }
}
