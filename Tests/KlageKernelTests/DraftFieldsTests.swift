import Foundation
import Testing

@testable import KlageKernel

/// A draft's fields, declared once: each is a param (required exactly when its property is not optional
/// and it has no default), fills its property, and decodes as the draft's `Decodable` shape.
@Suite struct DraftFieldsTests {
    struct Draft: Sendable, Equatable {
        var title: String
        var note: String?
        var urgent = false
        var tags: [String] = []
    }

    static let fields = DraftFields(
        Draft(title: ""),
        [
            DraftField(\.title, "title", .text(max: 200)),
            DraftField(\.note, "note", .text(max: 2_000), "what else to know"),
            DraftField(\.urgent, "urgent", .bool, default: true),
            DraftField(\.tags, "tags", .list(.text(max: 50), max: 20)),
        ])

    /// Reads fields from a plain dictionary, as a method's decoded params would give them.
    struct Reader: FieldReader {
        let values: [String: JSONValue]
        func value<Value>(of field: Field<Value>) throws -> Value { try field.value(in: values) }
    }

    /// A draft decoded through its fields.
    struct Decoded: Decodable {
        let draft: Draft
        init(from decoder: any Decoder) throws { draft = try DraftFieldsTests.fields.decode(from: decoder) }
    }

    func decode(_ json: String) throws -> Draft {
        try JSONDecoder().decode(Decoded.self, from: Data(json.utf8)).draft
    }

    @Test func eachFieldIsAParamRequiredOnlyWithoutOptionalOrDefault() {
        #expect(Self.fields.specs.map(\.name) == ["title", "note", "urgent", "tags"])
        #expect(Self.fields.specs.map(\.required) == [true, false, false, true])
        #expect(Self.fields.specs[2].defaultValue == true)
        #expect(Self.fields.specs[1].summary == "what else to know")
        #expect(Self.fields.declarations.map(\.spec) == Self.fields.specs)
    }

    @Test func readingFillsEachPropertyAndTheDefaultStandsForAnAbsentField() throws {
        let read = try Self.fields.read(from: Reader(values: ["title": "Late", "tags": ["a"], "urgent": .null]))
        #expect(read == Draft(title: "Late", note: nil, urgent: true, tags: ["a"]))
        let full = try Self.fields.read(from: Reader(values: ["title": "Late", "note": "n", "urgent": false, "tags": []]))
        #expect(full == Draft(title: "Late", note: "n", urgent: false, tags: []))
        #expect(throws: KlageError.self) { try Self.fields.read(from: Reader(values: ["tags": []])) }
    }

    @Test func decodingKeepsTheDecodableRules() throws {
        #expect(try decode(#"{"title":"Late","tags":[],"note":null}"#) == Draft(title: "Late", urgent: true))
        #expect(try decode(#"{"title":"Late","tags":["x"],"urgent":false}"#) == Draft(title: "Late", urgent: false, tags: ["x"]))
        #expect {
            try decode(#"{"tags":[]}"#)
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return false }
            return key.stringValue == "title"
        }
        #expect {
            try decode(#"{"title":null,"tags":[]}"#)
        } throws: { error in
            if case DecodingError.valueNotFound = error { return true }
            return false
        }
        #expect {
            try decode(#"{"title":"Late","tags":[],"urgent":"yes"}"#)
        } throws: { error in
            if case DecodingError.typeMismatch = error { return true }
            return false
        }
    }

    @Test func theDraftsOfTheKernelDeclareWhatTheMethodsTake() {
        #expect(NewComplaint.params.specs.filter(\.required).map(\.name) == ["workflow", "channel", "subject", "description", "citizen"])
        #expect(NewContact.params.specs.filter(\.required).map(\.name) == ["complaintId", "kind", "occurredAt", "summary"])
        #expect(NewLearningItem.params.specs.map(\.name) == ["title", "insight", "complaintId", "department", "tags"])
        #expect(NewLearningItem.lesson.specs.map(\.name) == ["title", "insight", "department", "tags"])
    }
}
