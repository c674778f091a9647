public import KlageKernel

/// One validated JSON-RPC 2.0 request; `id == nil` makes it a notification.
public struct RPCRequest: Sendable {
    public let id: RPCID?
    public let method: String
    /// The params object; `nil` when the request has none.
    public let params: [String: JSONValue]?

    public var isNotification: Bool { id == nil }

    /// Validates one element of a request body.
    ///
    /// Params holding a number beyond `Double`'s range (`1E400`) are invalid params (-32602): no
    /// method can use one, and it cannot be written back as JSON.
    ///
    /// - Parameters:
    ///   - value: the element.
    ///   - idLiteral: the literal text of the element's numeric `id`, as the parser read it.
    /// - Returns: the request, or the error to answer with and the id to answer to.
    static func parse(_ value: JSONValue, idLiteral: String? = nil) -> Result<RPCRequest, InvalidRequest> {
        guard case .object(let object) = value else {
            return .failure(InvalidRequest(id: .null, error: .invalidRequest("a request must be an object")))
        }
        var id: RPCID?
        switch object["id"] {
        case nil: id = nil
        case .string(let value)?: id = .string(value)
        case .number(let value)?: id = .number(idLiteral ?? RPCID.literal(value))
        case .null?: id = .null
        default:
            return .failure(InvalidRequest(id: .null, error: .invalidRequest("id must be a string, a number or null")))
        }
        let answerTo = id ?? .null
        guard object["jsonrpc"] == .string("2.0") else {
            return .failure(InvalidRequest(id: answerTo, error: .invalidRequest("jsonrpc must be \"2.0\"")))
        }
        guard case .string(let method)? = object["method"] else {
            return .failure(InvalidRequest(id: answerTo, error: .invalidRequest("method must be a string")))
        }
        switch object["params"] {
        case nil:
            return .success(RPCRequest(id: id, method: method, params: nil))
        case .object(let params)?:
            if let field = nonFiniteNumber(in: .object(params), path: "") {
                return .failure(
                    InvalidRequest(
                        id: answerTo, error: .invalidParams(field: field.isEmpty ? nil : field, reason: "is a number out of range"),
                        silent: id == nil))
            }
            return .success(RPCRequest(id: id, method: method, params: params))
        case .array?:
            // A notification is never answered, not even with an error.
            return .failure(
                InvalidRequest(
                    id: answerTo, error: .invalidParams(field: nil, reason: "params are by name: send an object"),
                    silent: id == nil))
        default:
            return .failure(InvalidRequest(id: answerTo, error: .invalidRequest("params must be an object")))
        }
    }

    /// The path of the first number in `value` that is not finite, or `nil` when there is none.
    ///
    /// Recursion follows the nesting, which the parser bounds.
    private static func nonFiniteNumber(in value: JSONValue, path: String) -> String? {
        switch value {
        case .number(let number):
            return number.isFinite ? nil : path
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = nonFiniteNumber(in: element, path: "\(path)[\(index)]") { return found }
            }
            return nil
        case .object(let members):
            for (key, member) in members {
                if let found = nonFiniteNumber(in: member, path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
            return nil
        case .null, .bool, .string:
            return nil
        }
    }

    /// Why a body element is not a request, and whom to tell.
    struct InvalidRequest: Error {
        let id: RPCID
        let error: RPCError
        /// A well-formed notification whose params are wrong: it gets no response.
        var silent = false
    }
}
