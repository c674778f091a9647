import Foundation
import KlageKernel
import Testing

@testable import KlageRPC

/// The params decoder reads the parsed tree directly, and fails exactly where Foundation's
/// `JSONDecoder` (the old way: re-encode, decode again) failed: same kind of error, same field path.
@Suite struct JSONValueDecoderTests {
    struct Params: Decodable, Equatable {
        struct Nested: Decodable, Equatable { let a: Bool }
        let id: ComplaintID
        let n: Int?
        let kind: ContactKind
        let tags: [String]?
        let nested: Nested?
        let fields: [String: JSONValue]?
        let x: Double?
    }

    /// The kind of a decoding outcome and the path it names, e.g. `typeMismatch tags[1]`.
    static func outcome(_ body: () throws -> Params) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce(into: "") { result, key in
                if let index = key.intValue { result += "[\(index)]" } else { result += (result.isEmpty ? "" : ".") + key.stringValue }
            }
        }
        do {
            _ = try body()
            return "ok"
        } catch DecodingError.keyNotFound(let key, let context) {
            return "keyNotFound \(path(context.codingPath + [key]))"
        } catch DecodingError.valueNotFound(_, let context) {
            return "valueNotFound \(path(context.codingPath))"
        } catch DecodingError.typeMismatch(_, let context) {
            return "typeMismatch \(path(context.codingPath))"
        } catch DecodingError.dataCorrupted(let context) {
            return "dataCorrupted \(path(context.codingPath)): \(context.debugDescription)"
        } catch {
            return "other \(error)"
        }
    }

    @Test(arguments: [
        #"{"id":"c1","kind":"phone"}"#,
        #"{"id":"c1","kind":"phone","n":3,"tags":["a","b"],"nested":{"a":true},"fields":{"x":[1,{"y":null}],"z":"w"},"x":2.5}"#,
        #"{"kind":"phone"}"#,
        #"{"id":5,"kind":"phone"}"#,
        #"{"id":null,"kind":"phone"}"#,
        #"{"id":"c1","kind":"phone","n":1.5}"#,
        #"{"id":"c1","kind":"phone","n":"3"}"#,
        #"{"id":"c1","kind":"phone","n":null}"#,
        #"{"id":"c1","kind":"nope"}"#,
        #"{"id":"c1","kind":7}"#,
        #"{"id":"c1","kind":"phone","tags":["a",3]}"#,
        #"{"id":"c1","kind":"phone","tags":[null]}"#,
        #"{"id":"c1","kind":"phone","tags":"a"}"#,
        #"{"id":"c1","kind":"phone","nested":{}}"#,
        #"{"id":"c1","kind":"phone","nested":3}"#,
        #"{"id":"c1","kind":"phone","nested":{"a":1}}"#,
        #"{"id":"c1","kind":"phone","fields":[]}"#,
        #"{"id":"c1","kind":"phone","x":true}"#,
    ])
    func failsWhereFoundationFailed(_ text: String) throws {
        let value = try JSONParser().parse(Data(text.utf8))
        let direct = Self.outcome { try JSONValueDecoder().decode(Params.self, from: value) }
        let viaBytes = Self.outcome { try JSONDecoder().decode(Params.self, from: try JSONEncoder().encode(value)) }
        #expect(direct == viaBytes)
        if direct == "ok" {
            #expect(
                try JSONValueDecoder().decode(Params.self, from: value) == JSONDecoder().decode(Params.self, from: try JSONEncoder().encode(value)))
        }
    }

    @Test func readsRFC3339TimesAndNamesTheFieldOfABadOne() throws {
        struct Timed: Decodable { let at: Date }
        let good = try JSONValueDecoder().decode(Timed.self, from: ["at": "2026-11-25T09:30:00.250+01:00"])
        #expect(Timestamp.format(good.at) == "2026-11-25T08:30:00.250Z")
        let bad = #expect(throws: KlageError.self) { try ParamsDecoder.decode(Date.self, from: "yesterday", at: "at") }
        #expect(bad?.field == "at")
        let nested = #expect(throws: KlageError.self) { try ParamsDecoder.decode(Timed.self, from: ["at": "yesterday"], at: "when") }
        #expect(nested?.field == "when.at")
    }
}
