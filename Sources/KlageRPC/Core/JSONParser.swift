public import Foundation
public import KlageKernel

/// A strict RFC 8259 JSON parser for untrusted bytes, which answers every input without trapping.
///
/// Request bodies never reach Foundation's `JSONDecoder`: it traps (an uncatchable crash of the
/// whole host) on some deeply nested inputs, such as 513 opening brackets. This parser reads
/// exactly the grammar of RFC 8259 and refuses anything else with a -32700 ``RPCError`` whose
/// `data` names the reason and the byte offset:
///
/// - nesting deeper than ``maximumDepth`` arrays and objects (64 by default: a request object is
///   depth 1 and its params depth 2, which leaves params 62 levels, far more than any method uses);
/// - invalid UTF-8: overlong forms, encoded surrogates, code points past U+10FFFF, cut sequences;
/// - trailing commas (`[1,]`, `{"a":1,}`), leading zeros (`01`), `NaN`, `Infinity`, `+1`, `.5`,
///   `1.`, comments, single quotes, and anything but whitespace after the value;
/// - raw control characters (U+0000 to U+001F) inside strings, and escapes RFC 8259 does not define;
/// - a `\u` escape naming a lone surrogate: a Swift `String` cannot hold one, and replacing it
///   with U+FFFD would silently change the caller's data;
/// - a key that appears twice in one object. RFC 8259 leaves the meaning of duplicate names open,
///   and two readers of one body (a proxy, an audit log, Klage) must never see two different
///   requests, so Klage refuses the body rather than letting the first or the last one win.
///
/// A leading UTF-8 byte order mark is skipped (RFC 8259 §8.1). Numbers have no range limit in the
/// grammar: a literal beyond `Double`'s range, such as `1E400`, reads as ±infinity, which the
/// dispatcher refuses inside params (-32602) and never needs for an id (ids keep their literal text).
///
/// The parser recurses once per nesting level, so its stack use is bounded by ``maximumDepth``;
/// every other loop advances through the bytes, so its time is linear in the body's size, which
/// the HTTP layer bounds (1 MiB by default).
///
/// ```swift
/// let value = try JSONParser().parse(Data(#"{"jsonrpc":"2.0","method":"system.health","id":1}"#.utf8))
/// ```
public struct JSONParser: Sendable {
    /// The nesting depth allowed when none is given: 64 arrays and objects.
    public static let defaultMaximumDepth = 64

    /// The deepest nesting of arrays and objects accepted; the outermost container is depth 1.
    public let maximumDepth: Int

    /// A parser accepting at most `maximumDepth` levels of nesting.
    ///
    /// - Parameter maximumDepth: at least 1; keep it well under 512, the depth at which Foundation's
    ///   decoder, which reads the re-encoded params, gives up.
    public init(maximumDepth: Int = JSONParser.defaultMaximumDepth) {
        precondition(maximumDepth >= 1, "a JSON parser must allow at least one level of nesting")
        self.maximumDepth = maximumDepth
    }

    /// Parses one JSON text.
    ///
    /// - Parameter data: the bytes, UTF-8 encoded.
    /// - Returns: the value.
    /// - Throws: ``RPCError`` -32700 with `data` `{"reason": …, "offset": …}` when `data` is not JSON
    ///   by the rules above.
    public func parse(_ data: Data) throws(RPCError) -> JSONValue {
        var scanner = StrictJSONScanner(bytes: [UInt8](data), maximumDepth: maximumDepth)
        let value = try scanner.value(parentDepth: 0)
        try scanner.end()
        return value
    }

    /// Parses a JSON-RPC body: one element or a batch, keeping each element's numeric id as sent.
    func parseBody(_ data: Data) throws(RPCError) -> RPCBody {
        var scanner = StrictJSONScanner(bytes: [UInt8](data), maximumDepth: maximumDepth)
        let body = try scanner.body()
        try scanner.end()
        return body
    }
}
