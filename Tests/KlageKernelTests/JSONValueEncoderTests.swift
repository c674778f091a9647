import Foundation
import KlageKernel
import Testing

/// ``JSONValueEncoder`` makes the tree that Foundation's `JSONEncoder` writes (read back by its
/// decoder), straight from the value, for plug-ins' records, fields and results.
@Suite struct JSONValueEncoderTests {
    struct Nested: Codable, Equatable {
        let flag: Bool
        let list: [Int]
    }

    enum Kind: String, Codable { case phone, letter }

    struct Record: Codable, Equatable {
        let text: String
        let count: Int
        let ratio: Double
        let big: UInt64
        let missing: String?
        let present: String?
        let kind: Kind
        let at: Date
        let nested: Nested
        let nestedList: [Nested]
        let byName: [String: Int]
        let json: JSONValue
        let blob: Data
        let link: URL
    }

    static let record = Record(
        text: "Æblegrød \"med\" fløde\n", count: -3, ratio: 0.25, big: 9_007_199_254_740_991, missing: nil, present: "x", kind: .letter,
        at: Date(timeIntervalSince1970: 1_764_063_000.25), nested: Nested(flag: true, list: [1, 2]), nestedList: [Nested(flag: false, list: [])],
        byName: ["a": 1], json: ["k": [1, "two", nil, true]], blob: Data([0, 1, 254]), link: URL(string: "https://example.dk/a?b=c")!)

    /// What Foundation makes of `value`, with the API's time format.
    static func foundation(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value))
    }

    @Test func theTreeIsFoundationsAndDecodesBackToTheValue() throws {
        let tree = try JSONValueEncoder().encode(Self.record)
        #expect(tree == (try Self.foundation(Self.record)))
        #expect(tree["missing"] == nil && tree["at"] == "2025-11-25T09:30:00.250Z")
        #expect(try JSONValueDecoder().decode(Record.self, from: tree) == Self.record)
        for value in [
            try JSONValueEncoder().encode([1, 2, 3]), try JSONValueEncoder().encode("alone"), try JSONValueEncoder().encode(Optional<Int>.none),
        ] {
            #expect(value != .object([:]))
        }
        #expect(try JSONValueEncoder().encode([Kind.phone: 1]) == (try Self.foundation([Kind.phone: 1])))
    }

    @Test func aNumberThatIsNotFiniteIsRefused() {
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(["ratio": Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode([Float.infinity]) }
    }
}
