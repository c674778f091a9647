public import KlageKernel

/// A JSON-RPC error object: code, message and optional data, as sent to the caller.
public struct RPCError: Error, Sendable, Hashable {
    public let code: Int
    public let message: String
    public let data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// -32700: the body is not JSON.
    public static let parseError = RPCError(code: -32700, message: "Parse error")
    /// -32700: the body is not JSON, with the reason and the byte offset where reading stopped.
    ///
    /// The reason names the rule broken ("a trailing comma before ']'", "nesting deeper than 64
    /// levels"), never the bytes themselves.
    public static func parseError(_ reason: String, offset: Int) -> RPCError {
        RPCError(code: -32700, message: "Parse error", data: ["reason": .string(reason), "offset": .number(Double(offset))])
    }
    /// -32600: the JSON is not a valid request object.
    public static func invalidRequest(_ reason: String) -> RPCError {
        RPCError(code: -32600, message: "Invalid Request", data: ["reason": .string(reason)])
    }
    /// -32600: the body is larger than the server reads (answered with HTTP 413).
    public static func bodyTooLarge(limit: Int) -> RPCError {
        .invalidRequest("the body is larger than \(limit) bytes")
    }
    /// -32601: no such method for this caller.
    public static let methodNotFound = RPCError(code: -32601, message: "Method not found")
    /// -32602: params missing, of the wrong shape, or of the wrong JSON type.
    public static func invalidParams(field: String?, reason: String) -> RPCError {
        var data: [String: JSONValue] = ["reason": .string(reason)]
        if let field { data["field"] = .string(field) }
        return RPCError(code: -32602, message: "Invalid params", data: .object(data))
    }
    /// -32603: a fault inside Klage; no details leave the server.
    public static let internalError = RPCError(code: -32603, message: "Internal error")

    /// -32029: too many requests from this key or address, or the host is at its limit of requests
    /// in flight; `data.retryAfterSeconds` says when a retry may succeed.
    public static func rateLimited(retryAfterSeconds: Int, message: String = "Rate limited; retry later") -> RPCError {
        RPCError(code: -32029, message: message, data: ["retryAfterSeconds": .number(Double(max(1, retryAfterSeconds)))])
    }

    /// The JSON-RPC error for a kernel error (API.md's table).
    public init(_ error: KlageError) {
        switch error.code {
        case .unauthenticated: self.init(code: -32001, message: error.message)
        case .forbidden: self.init(code: -32003, message: error.message)
        case .notFound: self.init(code: -32004, message: error.message)
        case .conflict: self.init(code: -32009, message: error.message)
        case .validation:
            self.init(
                code: -32022, message: error.message,
                data: ["field": .string(error.field ?? ""), "reason": .string(error.reason ?? "")])
        case .rateLimited: self.init(code: -32029, message: error.message)
        case .unavailable: self.init(code: -32603, message: "Storage unavailable; try again", data: ["retryable": true])
        default: self = .internalError
        }
    }
}
