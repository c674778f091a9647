public import Foundation
public import KlageKernel

/// One request of a body as an ``RPCAdmission`` sees it before it is served.
public struct RPCCall: Sendable {
    /// The method named, served or not.
    public let method: String
    /// The params object, if any.
    public let params: [String: JSONValue]?
    /// The caller of a valid key; `nil` without a key or with one that failed to authenticate.
    public let actor: Principal?
}

/// Decides, for each request of a body (every batch element counts), whether it is served now:
/// `nil` serves it, an error (such as ``RPCError/rateLimited(retryAfterSeconds:)``) answers it instead.
public typealias RPCAdmission = @Sendable (RPCCall) -> RPCError?

/// The answer to one HTTP body.
public struct RPCReply: Sendable {
    /// The response body; `nil` when nothing is to be sent (notifications only).
    public let body: Data?
    /// Set when every request answered was refused with -32029: the longest retry hint, in seconds,
    /// so the transport can refuse the whole reply (HTTP 429 with `Retry-After`).
    public let retryAfterSeconds: Int?
    /// Whether the body's credential (key or session) was looked up and found unknown or revoked: the
    /// transport charges the client's budget of failed credentials (see the server's credential gate).
    public var credentialRefused = false
}
