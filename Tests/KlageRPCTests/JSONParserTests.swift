import Foundation
import KlageKernel
import KlageTestSupport
import Testing

@testable import KlageRPC

/// The strict RFC 8259 parser: what it accepts, what it refuses and why, and that nothing traps.
@Suite struct JSONParserTests {
    let parser = JSONParser()

    func parse(_ text: String) throws(RPCError) -> JSONValue {
        try parser.parse(Data(text.utf8))
    }

    func parse(bytes: [UInt8]) throws(RPCError) -> JSONValue {
        try parser.parse(Data(bytes))
    }

    /// The reason a text is refused, or `nil` when it parses.
    func refusal(_ text: String) -> String? {
        refusal(bytes: Array(text.utf8))
    }

    func refusal(bytes: [UInt8]) -> String? {
        do {
            _ = try parser.parse(Data(bytes))
            return nil
        } catch {
            #expect(error.code == -32700)
            return error.data?["reason"]?.stringValue ?? "?"
        }
    }

    @Test func readsEveryKindOfValue() throws {
        #expect(
            try parse(#"{"a": [1, -2.5, 3e2, 0, -0, true, false, null, "x"], "b": {}}"#)
                == ["a": [1, -2.5, 300, 0, 0, true, false, nil, "x"], "b": [:]])
        #expect(try parse(" \t\r\n[]\n ") == [])
        #expect(try parse("\"\"") == "")
        #expect(try parse("12") == 12)
        #expect(try parse("1E2") == 100)
        #expect(try parse("1e-2") == 0.01)
        #expect(try parse("0.5E+1") == 5)
        #expect(try parse("null") == nil)
    }

    @Test func readsEscapesAndUTF8() throws {
        #expect(try parse(#""\" \\ \/ \b \f \n \r \t""#) == "\" \\ / \u{8} \u{C} \n \r \t")
        #expect(try parse(#""\u00e6\u00F8\u00e5 \u20AC \u0001""#) == "æøå € \u{1}")
        #expect(refusal(#""REF\u0000a""#) == "U+0000 (NUL) is not accepted in a string", "Klage stores no NULs")
        #expect(try parse(#""\ud83d\ude00""#) == "😀")
        #expect(try parse("\"æøå € 𝄞 😀\"") == "æøå € 𝄞 😀")
        #expect(try parse(bytes: [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1], "a leading byte order mark is skipped")
    }

    @Test func trailingCommasAreRefused() {
        #expect(refusal("[1,]") == "a trailing comma before ']'")
        #expect(refusal(#"{"jsonrpc":"2.0","id":1,}"#) == "a trailing comma before '}'")
        #expect(refusal("[1,,2]") != nil)
        #expect(refusal("[,1]") != nil)
        #expect(refusal(#"{,"a":1}"#) != nil)
        #expect(refusal(#"{"a":1,,"b":2}"#) != nil)
    }

    @Test func numbersOutsideTheGrammarAreRefused() {
        for text in [
            "01", "-01", "00", "1.", "-", ".5", "+1", "1e", "1e+", "1E-", "0x10", "NaN", "Infinity", "-Infinity", "1.5.2", "--1", "1_000", "٣",
        ] {
            #expect(refusal(text) != nil, "\(text) is not a JSON number")
        }
        #expect(refusal("01") == "a number must not have leading zeros")
    }

    @Test func hugeNumbersDoNotTrap() throws {
        #expect(try parse("1E400") == .number(.infinity))
        #expect(try parse("-1E400") == .number(-.infinity))
        #expect(try parse("1E-400") == 0)
        #expect(try parse("12345678901234567890") == .number(12_345_678_901_234_567_890.0))
        let digits = String(repeating: "9", count: 200_000)
        #expect(try parse(digits).numberValue == .infinity)
        #expect(try parse("0." + digits).numberValue == 1)
        #expect(try parse("1e" + digits).numberValue == .infinity)
    }

    @Test func literalsMustBeExact() {
        for text in ["tru", "True", "nul", "nulll", "falsey", "undefined", "'a'", "// c\n1", "/* c */ 1"] {
            #expect(refusal(text) != nil, "\(text) is not JSON")
        }
    }

    @Test func stringsAreStrict() {
        #expect(refusal("\"a\u{0}b\"") == "a control character inside a string must be escaped")
        #expect(refusal("\"a\nb\"") == "a control character inside a string must be escaped")
        #expect(refusal("\"\u{1F}\"") != nil)
        #expect(refusal(#""\x41""#) == "an invalid escape in a string")
        #expect(refusal(#""\u12""#) != nil)
        #expect(refusal(#""\u12G4""#) != nil)
        #expect(refusal(#""abc"#) == "the body ends inside a string")
        #expect(refusal(#""\"#) != nil)
    }

    @Test func loneSurrogatesAreRefused() {
        #expect(refusal(#""\ud800""#) == "a lone surrogate in a \\u escape")
        #expect(refusal(#""\udc00""#) == "a lone surrogate in a \\u escape")
        #expect(refusal(#""\ud800x""#) != nil)
        #expect(refusal(#""\ud800\u0041""#) != nil)
        #expect(refusal(#""\ud800\ud800""#) != nil)
        #expect(refusal(#""\ude00\ud83d""#) != nil)
    }

    @Test func invalidUTF8IsRefused() {
        let quote = UInt8(ascii: "\"")
        let invalid: [[UInt8]] = [
            [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
            [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE],
            [0xE2, 0x82], [0xC3], [0xF0, 0x9F, 0x98], [0xC3, 0x41],
        ]
        for bytes in invalid {
            #expect(refusal(bytes: [quote] + bytes + [quote]) == "invalid UTF-8", "\(bytes) is not UTF-8")
        }
        #expect(refusal(bytes: [0xC3, 0xA6]) == "unexpected byte outside a string")
        #expect(refusal(bytes: [0xEF, 0xBB]) != nil, "half a byte order mark")
        #expect(refusal(bytes: [quote, 0xC3]) != nil)
    }

    @Test func duplicateKeysAreRefused() {
        #expect(refusal(#"{"a":1,"a":2}"#) == "a duplicate key in an object")
        #expect(refusal(#"{"jsonrpc":"2.0","method":"a","method":"b","id":1}"#) == "a duplicate key in an object")
        #expect(refusal(#"{"a":{"b":1,"b":1}}"#) == "a duplicate key in an object")
        #expect(refusal(#"{"a":1,"A":2,"b":{"a":3}}"#) == nil, "keys differ by case, or live in different objects")
        #expect(refusal(#"{"\u0061":1,"a":2}"#) != nil, "an escaped key is the same key")
    }

    @Test func onlyWhitespaceMayFollowTheValue() {
        #expect(refusal("{} x") == "unexpected data after the JSON value")
        #expect(refusal("1 2") != nil)
        #expect(refusal("[]]") != nil)
        #expect(refusal("{}{}") != nil)
        #expect(refusal("[1]\u{0}") != nil)
        #expect(refusal("[1] \n\t\r") == nil)
        #expect(refusal("[1]\u{C}") != nil, "form feed is not JSON whitespace")
        #expect(refusal("") == "the body holds no JSON value")
        #expect(refusal("   ") == "the body holds no JSON value")
    }

    @Test func nestingIsBoundedAt64() throws {
        #expect(JSONParser.defaultMaximumDepth == 64)
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try parse(deepest).arrayValue != nil)
        let objects = String(repeating: #"{"a":"#, count: 64) + "1" + String(repeating: "}", count: 64)
        #expect(try parse(objects).objectValue != nil)
        for depth in [65, 511, 512, 513, 1000, 100_000] {
            #expect(refusal(String(repeating: "[", count: depth)) == "nesting deeper than 64 levels")
            #expect(refusal(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)) == "nesting deeper than 64 levels")
            #expect(refusal(String(repeating: #"{"a":"#, count: depth)) == "nesting deeper than 64 levels")
            #expect(refusal(String(repeating: #"[{"a":"#, count: depth)) == "nesting deeper than 64 levels")
            #expect(refusal(String(repeating: "[", count: depth) + #"{"jsonrpc":"2.0"}"#) == "nesting deeper than 64 levels")
        }
        #expect(try JSONParser(maximumDepth: 2).parse(Data("[[1]]".utf8)) == [[1]])
        #expect(throws: RPCError.self) { try JSONParser(maximumDepth: 2).parse(Data("[[[1]]]".utf8)) }
    }

    @Test func theReasonCarriesTheOffset() {
        do {
            _ = try parse("[1, 2,]")
            Issue.record("a trailing comma parsed")
        } catch {
            #expect(error.data == ["reason": "a trailing comma before ']'", "offset": 6])
            #expect(error.message == "Parse error")
        }
    }

    @Test func aBodyKeepsEachNumericIDAsSent() throws {
        guard case .single(let single) = try parser.parseBody(Data(#"{"id": 9007199254740993, "method": "m"}"#.utf8)) else {
            Issue.record("not a single request")
            return
        }
        #expect(single.idLiteral == "9007199254740993")
        guard case .batch(let batch) = try parser.parseBody(Data(#" [{"id":-0},{"id":"7"},{"a":{"id":1}},{"id":1.5e3, "x":{"id":2}}, 3]"#.utf8))
        else {
            Issue.record("not a batch")
            return
        }
        #expect(batch.map(\.idLiteral) == ["-0", nil, nil, "1.5e3", nil])
        #expect(batch[4].value == 3)
        #expect(throws: RPCError.self) { try parser.parseBody(Data(#"{"id":1,}"#.utf8)) }
        #expect(throws: RPCError.self) { try parser.parseBody(Data(#"[{"id":01}]"#.utf8)) }
    }

    @Test func randomBytesNeverTrap() {
        var generator = SeededGenerator(seed: 0x4A53_4F4E)
        let alphabet = Array(#"[]{}",:0123456789-+.eEtrufalsn\ u"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xF4, 0xFF]
        var accepted = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...40, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            if refusal(bytes: bytes) == nil { accepted += 1 }
        }
        #expect(accepted > 0, "some random texts are JSON")
    }

    @Test func agreesWithFoundationOnShallowValidJSON() throws {
        let samples = [
            #"{"a":[1,2,{"b":null}],"c":"d\u00e6","e":-1.25e-3,"f":true}"#, "[]", "{}", #"["\ud834\udd1e"]"#,
            #"[0, -0.0, 1e10, 123456789, 1.7976931348623157e308, 5e-324]"#,
        ]
        for text in samples {
            let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            #expect(try parse(text) == foundation, "\(text)")
        }
    }
}
