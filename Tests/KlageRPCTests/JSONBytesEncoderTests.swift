import Foundation
import KlageKernel
import Testing

@testable import KlageRPC

/// The hand-written response writer against Foundation's `JSONEncoder` with the API's settings: the same
/// bytes for every view the API returns, for awkward text and numbers, and for thousands of generated trees.
@Suite struct JSONBytesEncoderTests {
    func expectSameBytes(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let written = String(decoding: try JSONBytesEncoder().encode(value), as: UTF8.self)
        let expected = String(decoding: try RPCResponse.foundationEncoder.encode(value), as: UTF8.self)
        #expect(written == expected, sourceLocation: sourceLocation)
    }

    @Test func everyViewSample() throws {
        try expectSameBytes(ComplaintView.sample)
        try expectSameBytes(ComplaintView.DeadlineView.sample)
        try expectSameBytes(Complaint.sample)
        try expectSameBytes(Citizen.sample)
        try expectSameBytes(Contact.sample)
        try expectSameBytes(LearningItem.sample)
        try expectSameBytes(DomainEvent.sample)
        try expectSameBytes(EffortEntry.sample)
        try expectSameBytes(Baseline.sample)
        try expectSameBytes(Tenant.sample)
        try expectSameBytes(WorkflowView.sample)
    }

    /// A complaint with everything filled: the view replaces the record's `deadlines`, masks the CPR number.
    @Test func aFullComplaintView() throws {
        var complaint = Complaint.sample
        complaint.remedy = "en \"undskyldning\"\n\tnu / straks \u{1}\u{7f}\u{2028} æøå 😀"
        complaint.citizen = Citizen(name: "Ida Ø", phone: "+4512345678", email: "ida@example.dk", cpr: "0101901234")
        complaint.department = "Borgerservice"
        complaint.externalRef = "ESDH-1"
        complaint.fields = ["z": 1.5, "Z": -0.0, "a10": 1e20, "a2": [true, nil, "x"], "_": ["nested": ["b": 2, "a": 1]], "æ": 0.1]
        complaint.deadlines.append(Deadline(name: "svar", dueAt: Date(timeIntervalSince1970: 1_764_000_000.25)))
        complaint.outcome = .resolved
        complaint.closedAt = Date(timeIntervalSince1970: 1_764_000_100)
        try expectSameBytes(ComplaintView(complaint, now: Date(timeIntervalSince1970: 1_764_000_050), for: .system(tenant: "")))
        try expectSameBytes([complaint, complaint])
    }

    struct Awkward: Encodable {
        var double = 100.0
        var float: Float = 3.3
        var small: Int8 = -5
        var big = UInt64.max
        var negative = Int.min
        var optional: String? = nil
        var optionals: [Int?] = [1, nil]
        var data = Data([0, 1, 254, 255])
        var url = URL(string: "https://example.dk/a?b=c")!
        var decimal = Decimal(string: "12.50")!
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1.5)]
        var intKeys: [Int: String] = [10: "ten", 2: "two"]
        var empty = Nothing()
        @ExplicitNull var explicit: String? = nil

        struct Nothing: Encodable {
            func encode(to encoder: any Encoder) throws {}
        }
    }

    @Test func numbersTextAndSpecialTypes() throws {
        try expectSameBytes(Awkward())
        try expectSameBytes(["": 0.30000000000000004, "b": 1e-7, "c": 2.5e-5, "d": 1e300, "e": Double(Int64.max)])
        #expect(throws: EncodingError.self) { try JSONBytesEncoder().encode(["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONBytesEncoder().encode(JSONValue.number(.infinity)) }
    }

    /// Nested containers may be written after later members: each keeps its own place.
    struct Interleaved: Encodable {
        enum Keys: String, CodingKey { case b, a, c }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var nested = container.nestedUnkeyedContainer(forKey: .b)
            try container.encode("first", forKey: .c)
            try nested.encode(1)
            var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .a)
            try nested.encode(2)
            try inner.encode(true, forKey: .c)
            try inner.encodeNil(forKey: .a)
            try container.encode("last", forKey: .c)
        }
    }

    @Test func nestedContainersAndRepeatedKeys() throws {
        try expectSameBytes(Interleaved())
        #expect(String(decoding: try JSONBytesEncoder().encode(Interleaved()), as: UTF8.self) == #"{"a":{"a":null,"c":true},"b":[1,2],"c":"last"}"#)
    }

    /// Generated trees: every kind of value, keys of every alphabet, numbers of every size.
    @Test func generatedTrees() throws {
        var random = SeededRandom(seed: 0x4B4C_4147)
        for _ in 0..<2_000 {
            try expectSameBytes(Self.tree(depth: 4, random: &random))
        }
    }

    static func tree(depth: Int, random: inout SeededRandom) -> JSONValue {
        let alphabet = Array("aZ_0-9æé\"\\/\n\u{1}😀 .")
        func text() -> String { String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! }) }
        switch Int.random(in: 0..<(depth > 0 ? 7 : 5), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2:
            let numbers = [
                0, -0.0, 1, -1, 0.1, 1e15, 1e15 - 1, 1e16, 123.456, -9.87e-12, 4.2e200,
                Double(Int.random(in: -1_000_000...1_000_000, using: &random)),
            ]
            return .number(numbers.randomElement(using: &random)!)
        case 3, 4: return .string(text())
        case 5: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in tree(depth: depth - 1, random: &random) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &random) { members[text()] = tree(depth: depth - 1, random: &random) }
            return .object(members)
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failing tree can be found again.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
