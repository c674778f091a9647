import Foundation

/// The id of one HTTP request, carried by every log line of the request and echoed in `X-Request-Id`.
///
/// A caller's own id is honoured when it is safe to log and echo: 1 to ``maxLength`` characters from
/// `A-Z a-z 0-9 - _ . :`. Anything else (too long, spaces, quotes, control characters) is ignored and
/// a fresh id is made, so no caller can forge log lines or headers through it.
///
/// ```swift
/// let id = RequestID(header: request.headers[.xRequestID]) ?? RequestID()
/// ```
public struct RequestID: Sendable, Hashable, CustomStringConvertible {
    /// The longest id taken from a caller.
    public static let maxLength = 128

    /// The id's text.
    public let rawValue: String

    /// A fresh id: a random UUID in lower case.
    public init() {
        rawValue = UUID().uuidString.lowercased()
    }

    /// The caller's id from a header value; `nil` when absent, empty, too long or holding unsafe characters.
    public init?(header: String?) {
        guard let header, !header.isEmpty, header.utf8.count <= Self.maxLength,
            header.utf8.allSatisfy(Self.isSafe)
        else { return nil }
        rawValue = header
    }

    public var description: String { rawValue }

    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
            true
        default:
            false
        }
    }
}
