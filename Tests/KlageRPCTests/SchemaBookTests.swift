import Foundation
import KlageKernel
import Testing

@testable import KlageRPC

/// Result schemas are recorded from the types that encode results: what a property is, whether it is
/// always there, and where a named schema is referred to, all from one encoding of a sample.
@Suite struct SchemaBookTests {
    enum Colour: String, Encodable, Sendable, CaseIterable { case red, green }

    struct Part: WireComponent {
        let label: String
        static let componentName = "Part"
        static let sample = Part(label: "")
    }

    struct Whole: WireSample {
        let id: ComplaintID
        let count: Int
        let share: Double?
        @ExplicitNull var mean: Double?
        let colour: Colour
        let at: Date
        let writtenAt: String
        let tags: [String]
        let parts: [Part]
        let spare: Part?
        let fields: [String: JSONValue]

        static let sample = Whole(
            id: "", count: 0, share: nil, mean: nil, colour: .red, at: .distantPast, writtenAt: Timestamp.format(.distantPast), tags: [],
            parts: [], spare: nil, fields: [:])
    }

    @Test func aSampleRecordsEachPropertyItsTypeAndWhetherItIsAlwaysThere() {
        let book = SchemaBook()
        let schema = Whole.describe(in: book)
        let expected = RPCSchema.object(
            [
                "id": .string, "count": .integer(), "share": .number, "mean": .nullable(.number), "colour": .oneOf(["red", "green"]),
                "at": .dateTime, "writtenAt": .dateTime, "tags": .array(.string), "parts": .array(.ref("Part")), "spare": .ref("Part"),
                "fields": .anyObject,
            ],
            required: ["at", "colour", "count", "fields", "id", "mean", "parts", "tags", "writtenAt"])
        #expect(schema == expected)
        #expect(book.components == ["Part": .object(["label": .string], required: ["label"])])
        // An `Optional` encoded as such is always there, and may be null.
        #expect(
            PageView<Part>.describe(in: book)
                == .object(["items": .array(.ref("Part")), "nextCursor": .nullable(.string)], required: ["items", "nextCursor"]))
    }

    @Test func aViewThatWritesAKeyAgainReplacesWhatTheRecordWrote() {
        let schema = SchemaBook().record(ComplaintView.sample)
        guard case .object(let properties, let required) = schema else {
            Issue.record("a complaint is an object: \(schema)")
            return
        }
        #expect(properties["deadlines"] == .array(.ref("Deadline")))
        #expect(properties["paused"] == .boolean && required.contains("paused"))
        #expect(properties["remedy"] == .string && !required.contains("remedy"))
        #expect(properties["citizen"] == .ref("Citizen"))
    }

    /// Every key a complaint's view writes, with every optional set, is in its schema, and every key
    /// the schema requires is written by a complaint with none set.
    @Test func theComplaintsSchemaListsWhatItsEncodingWrites() throws {
        let book = SchemaBook()
        _ = ComplaintView.describe(in: book)
        guard case .object(let properties, let required)? = book.components["Complaint"] else {
            Issue.record("no Complaint component")
            return
        }
        var full = Complaint.sample
        let at = Date(timeIntervalSince1970: 1_764_000_000)
        full.remedy = "r"
        full.department = "d"
        full.assignee = "a"
        full.assignedBy = "b"
        full.externalRef = "x"
        full.outcome = .resolved
        full.closedAt = at
        full.escalatedAt = at
        full.restrictedAt = at
        full.anonymisedAt = at
        func keys(_ complaint: Complaint) throws -> Set<String> {
            let json = try RPCResponse.encode(ComplaintView(complaint, now: at, for: .system(tenant: "")))
            return Set(try #require(try JSONParser().parse(json).objectValue).keys)
        }
        #expect(try keys(full) == Set(properties.keys))
        #expect(Set(required).isSubset(of: try keys(.sample)))
    }
}
