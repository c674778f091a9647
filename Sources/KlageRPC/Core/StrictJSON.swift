public import Foundation
import KlageKernel

/// The one way Klage reads JSON from outside: the strict ``JSONParser``, then a direct decode of the
/// tree it made, never Foundation's `JSONDecoder` or `JSONSerialization`.
///
/// Every door of the server (the intake's JSON twin, console sign-in, WebSocket messages, and any door
/// added later) reads its body with this, so no body can trap the host: nesting past
/// ``maximumDepth``, invalid UTF-8, NUL, duplicate keys and the rest of what ``JSONParser`` refuses
/// are answered as a ``Failure`` naming the reason.
///
/// ```swift
/// let submission = try StrictJSON.decode(IntakeSubmission.self, from: body)
/// ```
public enum StrictJSON {
    /// The nesting a door's body may have: its fields are flat, so 8 levels is generous.
    public static let maximumDepth = 8

    /// Why a body was refused, in words a client can act on (no body text is quoted back).
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// What is wrong, e.g. "nesting deeper than 8 levels at byte 8" or "subject: must be a string".
        public let reason: String

        public var description: String { reason }
    }

    /// Parses `data` strictly and decodes `type` from it.
    ///
    /// - Throws: ``Failure`` when `data` is not JSON by ``JSONParser``'s rules, or not of `type`'s shape.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, maximumDepth: Int = StrictJSON.maximumDepth) throws(Failure) -> T {
        let value: JSONValue
        do {
            value = try JSONParser(maximumDepth: maximumDepth).parse(data)
        } catch {
            throw Failure(reason: reason(of: error))
        }
        do {
            return try JSONValueDecoder().decode(T.self, from: value)
        } catch let error as DecodingError {
            throw Failure(reason: reason(of: error))
        } catch {
            throw Failure(reason: "the body cannot be read")
        }
    }

    private static func reason(of error: RPCError) -> String {
        let reason = error.data?["reason"]?.stringValue ?? "not JSON"
        guard let offset = error.data?["offset"]?.numberValue else { return reason }
        return "\(reason) (at byte \(Int(offset)))"
    }

    private static func reason(of error: DecodingError) -> String {
        let field: String
        let rule: String
        switch error {
        case .keyNotFound(let key, let context): (field, rule) = (ParamsDecoder.path(context.codingPath + [key]), "is required")
        case .valueNotFound(_, let context): (field, rule) = (ParamsDecoder.path(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context):
            (field, rule) = (ParamsDecoder.path(context.codingPath), "must be \(ParamsDecoder.jsonName(of: type))")
        case .dataCorrupted(let context): (field, rule) = (ParamsDecoder.path(context.codingPath), ParamsDecoder.reason(context))
        @unknown default: return "the body cannot be read"
        }
        return field.isEmpty ? "the body \(rule)" : "\(field) \(rule)"
    }
}
