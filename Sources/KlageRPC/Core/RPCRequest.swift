import KlageKernel

/// A request id: a string, a number or null, echoed back unchanged.
public enum RPCID: Sendable, Hashable {
    case string(String)
    case number(Double)
    case null

    /// The id as a JSON value, for the response.
    public var json: JSONValue {
        switch self {
        case .string(let value): .string(value)
        case .number(let value): .number(value)
        case .null: .null
        }
    }
}

/// One validated JSON-RPC 2.0 request; `id == nil` makes it a notification.
public struct RPCRequest: Sendable {
    public let id: RPCID?
    public let method: String
    /// The params object; `nil` when the request has none.
    public let params: [String: JSONValue]?

    public var isNotification: Bool { id == nil }

    /// Validates one element of a request body.
    ///
    /// - Returns: the request, or the error to answer with and the id to answer to.
    static func parse(_ value: JSONValue) -> Result<RPCRequest, InvalidRequest> {
        guard case .object(let object) = value else {
            return .failure(InvalidRequest(id: .null, error: .invalidRequest("a request must be an object")))
        }
        var id: RPCID?
        switch object["id"] {
        case nil: id = nil
        case .string(let value)?: id = .string(value)
        case .number(let value)?: id = .number(value)
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
            return .success(RPCRequest(id: id, method: method, params: params))
        case .array?:
            // A notification is never answered, not even with an error.
            return .failure(InvalidRequest(id: answerTo, error: .invalidParams(field: nil, reason: "params are by name: send an object"),
                                           silent: id == nil))
        default:
            return .failure(InvalidRequest(id: answerTo, error: .invalidRequest("params must be an object")))
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
