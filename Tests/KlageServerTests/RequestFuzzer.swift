import Foundation
import KlageTestSupport

/// Generates request bodies for fuzzing `POST /rpc`: valid requests and mutations of them.
///
/// Deterministic for a seed. Mutations: truncation, byte flips, runs of brackets and braces at
/// any position, deep nesting in params, huge and malformed numbers, invalid UTF-8 and lone
/// surrogates in strings, random method names and params, batches (also over the batch limit),
/// trailing commas, duplicate keys, and plain random bytes.
struct RequestFuzzer {
    private var random: SeededGenerator
    private let methods: [String]

    init(seed: UInt64, methods: [String]) {
        random = SeededGenerator(seed: seed)
        self.methods = methods
    }

    /// The next body, and whether to send it with the API key.
    mutating func next() -> (body: [UInt8], withKey: Bool) {
        let body: [UInt8]
        switch int(0..<14) {
        case 0, 1: body = Array(request().utf8)
        case 2: body = truncate(Array(request().utf8))
        case 3: body = flip(Array(request().utf8))
        case 4: body = insert(Array(bracketRun().utf8), into: Array(request().utf8))
        case 5: body = Array(deepParams().utf8)
        case 6: body = Array(request(id: hugeNumber(), params: "{\"n\":\(hugeNumber())}").utf8)
        case 7: body = insertInvalidUTF8(Array(request().utf8))
        case 8: body = Array(batch().utf8)
        case 9:
            body = insert(
                Array(pick([",", ":", "\"", "\\", "}", "]", ",}", ",]", "\\u", "\\ud800", "-", "0", "e"]).utf8), into: Array(request().utf8))
        case 10: body = Array(request().replacingFirst("{", with: pick(["{\"id\":1,", "{\"method\":\"x\",", "{\"jsonrpc\":\"2.0\","])).utf8)
        case 11: body = (0..<int(0..<300)).map { _ in UInt8.random(in: 0...255, using: &random) }
        case 12: body = flip(truncate(Array(batch().utf8)))
        default:
            body = Array(
                (String(repeating: pick(["[", "{\"a\":", "[{\"a\":", " [", "{\"\":"]), count: int(1..<1200))
                    + pick(["", "]", "1", "\"", "{}", " trailing"])).utf8)
        }
        return (body, Bool.random(using: &random))
    }

    /// A mutation of `valid`, another door's well-formed body: the same kinds of damage as ``next()``
    /// does to JSON-RPC requests, plus random JSON values of any shape in its place.
    mutating func mutate(_ valid: [UInt8]) -> [UInt8] {
        switch int(0..<10) {
        case 0: truncate(valid)
        case 1: flip(valid)
        case 2: insert(Array(bracketRun().utf8), into: valid)
        case 3: insertInvalidUTF8(valid)
        case 4: insert(Array(pick([",", ":", "\"", "\\", "}", "]", "%", "%zz", "%00", "&", "=", "\\u0000", "\u{0}", "+"]).utf8), into: valid)
        case 5: (0..<int(0..<300)).map { _ in UInt8.random(in: 0...255, using: &random) }
        case 6: Array(value(depth: int(0..<4)).utf8)
        case 7: Array((String(repeating: pick(["[", "{\"a\":", "[{\"a\":", "{\"subject\":"]), count: int(1..<1200)) + pick(["", "]", "1"])).utf8)
        case 8: valid + valid
        default: flip(truncate(valid))
        }
    }

    /// A JSON string literal of assorted pieces (escapes, Danish letters, emoji).
    mutating func jsonString() -> String { string() }

    /// A whole number in `range`, from this fuzzer's seeded generator.
    mutating func number(_ range: Range<Int>) -> Int { int(range) }

    // MARK: Valid requests

    private mutating func request(id: String? = nil, params: String? = nil) -> String {
        var members: [String] = []
        if int(0..<20) > 0 { members.append("\"jsonrpc\":" + pick(["\"2.0\"", "\"2.0\"", "\"2.0\"", "\"1.0\"", "2", "null"])) }
        if let id = id ?? self.id() { members.append("\"id\":" + id) }
        members.append("\"method\":" + method())
        if let params = params ?? self.params() { members.append("\"params\":" + params) }
        members.shuffle(using: &random)
        return "{" + members.joined(separator: pick([",", ", ", " ,\n"])) + "}"
    }

    private mutating func id() -> String? {
        switch int(0..<8) {
        case 0: nil
        case 1: "null"
        case 2: string()
        case 3: hugeNumber()
        case 4: pick(["9007199254740993", "12345678901234567890", "-0", "1.5e3", "1E400", "-1", "0.0001"])
        case 5: pick(["true", "[]", "{}"])
        default: String(int(0..<100_000))
        }
    }

    private mutating func method() -> String {
        switch int(0..<6) {
        case 0: return string()
        case 1: return pick(["1", "null", "[]", "{}", "\"\""])
        case 2: return "\"system.health\""
        default: return "\"\(methods.isEmpty ? "system.health" : pick(methods))\""
        }
    }

    private mutating func params() -> String? {
        switch int(0..<6) {
        case 0: nil
        case 1: "{}"
        case 2: value(depth: int(0..<3))
        default: object(depth: int(0..<4))
        }
    }

    private mutating func value(depth: Int) -> String {
        switch int(0..<(depth > 0 ? 8 : 6)) {
        case 0: return pick(["null", "true", "false"])
        case 1: return String(Int.random(in: -1_000_000...1_000_000, using: &random))
        case 2: return pick(["0.5", "-2.25e-3", "1e308", "5e-324", "123456789012", "2026"])
        case 3, 4: return string()
        case 5: return hugeNumber()
        case 6: return "[" + (0..<int(0..<4)).map { _ in value(depth: depth - 1) }.joined(separator: ",") + "]"
        default: return object(depth: depth - 1)
        }
    }

    private mutating func object(depth: Int) -> String {
        let keys = [
            "id", "tenant", "title", "description", "status", "version", "action", "limit", "cursor", "category", "from", "to",
            "citizen", "name", "score", "token", "role", "label", "a", "",
        ]
        let chosen = Set((0..<int(0..<5)).map { _ in pick(keys) })
        return "{" + chosen.map { "\"\($0)\":" + value(depth: max(depth, 0)) }.joined(separator: ",") + "}"
    }

    private mutating func string() -> String {
        let pieces = ["a", "æøå", "2026-11-25T09:30:00Z", "\\n", "\\u00e6", "\\ud83d\\ude00", "\\\"", " ", "kobenhavn", "open", "😀", "\\/", "x"]
        return "\"" + (0..<int(0..<6)).map { _ in pick(pieces) }.joined() + "\""
    }

    private mutating func hugeNumber() -> String {
        let digits = String(decoding: (0..<int(1..<400)).map { _ in UInt8(truncatingIfNeeded: 48 + random.next() % 10) }, as: UTF8.self)
        let mantissa = (Bool.random(using: &random) ? "-" : "") + (digits.first == "0" ? "1" + digits.dropFirst() : digits)
        switch int(0..<4) {
        case 0: return mantissa
        case 1: return mantissa + "." + digits
        case 2: return mantissa + pick(["e", "E", "e+", "e-"]) + String(int(0..<100_000))
        default: return "1E" + pick(["308", "309", "400", "-400", "99999999999999999999"])
        }
    }

    private mutating func deepParams() -> String {
        let depth = int(1..<700)
        let opener = pick(["[", "{\"a\":", "[{\"b\":"])
        let closer = opener == "[" ? "]" : opener == "{\"a\":" ? "}" : "}]"
        let close = Bool.random(using: &random)
        let inner = String(repeating: opener, count: depth) + (close ? "1" + String(repeating: closer, count: depth) : "")
        return request(id: "1", params: "{\"p\":" + inner + (close ? "}" : ""))
    }

    private mutating func batch() -> String {
        let count = int(0..<20) == 0 ? int(95..<110) : int(0..<6)
        var elements = (0..<count).map { _ in int(0..<8) == 0 ? value(depth: 1) : request() }
        if int(0..<10) == 0 { elements.append("") }  // a trailing comma
        return "[" + elements.joined(separator: ",") + "]"
    }

    // MARK: Mutations

    private mutating func truncate(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.prefix(int(0..<max(bytes.count, 1))))
    }

    private mutating func flip(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var bytes = bytes
        for _ in 0..<int(1..<5) {
            bytes[int(0..<bytes.count)] = UInt8.random(in: 0...255, using: &random)
        }
        return bytes
    }

    private mutating func insert(_ piece: [UInt8], into bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        bytes.insert(contentsOf: piece, at: int(0..<bytes.count + 1))
        return bytes
    }

    private mutating func bracketRun() -> String {
        (0..<int(1..<1200)).map { _ in pick(["[", "{", "[", "{\"k\":"]) }.joined()
    }

    /// Bytes that are never valid UTF-8 where they land, placed inside the method's string.
    private mutating func insertInvalidUTF8(_ bytes: [UInt8]) -> [UInt8] {
        let invalid: [[UInt8]] = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xC3], [0xE2, 0x82]]
        let anchor = Array("\"method\":\"".utf8)
        let start = (0..<max(bytes.count - anchor.count, 0)).first { bytes[$0..<$0 + anchor.count].elementsEqual(anchor) }
        var bytes = bytes
        bytes.insert(contentsOf: pick(invalid), at: start.map { $0 + anchor.count } ?? int(0..<bytes.count + 1))
        return bytes
    }

    // MARK: Randomness

    private mutating func int(_ range: Range<Int>) -> Int {
        Int.random(in: range, using: &random)
    }

    private mutating func pick<T>(_ choices: [T]) -> T {
        choices[int(0..<choices.count)]
    }
}

private extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
