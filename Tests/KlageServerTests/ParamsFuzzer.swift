import Foundation
import KlageKernel
import KlageRPC
import KlageTestSupport

/// Generates params for a method from its declared params: well-formed ones (ids pointing at records
/// that exist) and broken ones, each broken in one way, so that every method sees both.
struct ParamsFuzzer {
    /// One way of breaking a method's params.
    enum Breakage: String, CaseIterable {
        case none, onlyRequired, missingRequired, wrongType, hugeString, nulInString, extremeNumber, unknownParam
        case positional, nullParams, badTime, unknownID, deepObject, emptyStrings
    }

    var random: SeededGenerator
    /// Ids of stored records to point at, by the param name that takes them (`id` takes any of them).
    let ids: [String: [String]]

    /// The params of `method` with `breakage`, as the JSON value to send (not always an object).
    mutating func params(_ params: [FieldSpec], breakage: Breakage) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for param in params where param.required || breakage != .onlyRequired {
            object[param.name] = value(param.kind, name: param.name, depth: 0)
        }
        let names = params.map(\.name)
        func anyName(where matches: (FieldSpec) -> Bool = { _ in true }) -> String? {
            let candidates = params.filter(matches).map(\.name)
            return candidates.isEmpty ? nil : candidates[Int.random(in: 0..<candidates.count, using: &random)]
        }
        switch breakage {
        case .none, .onlyRequired:
            break
        case .missingRequired:
            if let name = anyName(where: \.required) { object[name] = nil } else { object["id"] = .number(-1) }
        case .wrongType:
            if let name = anyName() { object[name] = wrongType(for: object[name] ?? .null) }
        case .hugeString:
            object[anyName() ?? "subject"] = .string(String(repeating: "Å", count: 70_000))
        case .nulInString:
            object[anyName() ?? "subject"] = .string("REF\u{0}a")
        case .extremeNumber:
            object[anyName() ?? "limit"] = .number([1e300, -1e300, -1, 9_007_199_254_740_993, 0.5, 1e-300][Int.random(in: 0..<6, using: &random)])
        case .unknownParam:
            object["noSuchParam\(Int.random(in: 0..<100, using: &random))"] = "surprise"
        case .positional:
            return .array(names.map { object[$0] ?? .null })
        case .nullParams:
            return .null
        case .badTime:
            object[anyName() ?? "from"] = .string(
                ["2026-13-45T99:00:00Z", "yesterday", "2026-11-28", "", "+275760-09-13T00:00:00Z"][Int.random(in: 0..<5, using: &random)])
        case .unknownID:
            object[anyName { $0.name == "id" || $0.name.hasSuffix("Id") } ?? "id"] = .string(UUID().uuidString)
        case .deepObject:
            var nested: JSONValue = ["leaf": true]
            for _ in 0..<40 { nested = ["a": nested] }
            object[anyName() ?? "fields"] = nested
        case .emptyStrings:
            for name in names { object[name] = "" }
        }
        return .object(object)
    }

    /// A well-formed value of `kind`; a param named like an id gets an id that exists, and a citizen is one.
    private mutating func value(_ kind: FieldSpec.Kind, name: String, depth: Int) -> JSONValue {
        if name == "citizen" { return ["name": "Karen Jensen", "phone": "+45 87654321"] }
        switch kind {
        case .text:
            if let known = ids[name] ?? (name == "id" ? ids.values.flatMap { $0 } : nil), !known.isEmpty {
                return .string(known[Int.random(in: 0..<known.count, using: &random)])
            }
            return .string(
                ["Borgerservice", "Teknik", "A note", "+45 12345678", "borger@example.dk", "010190-1234"][Int.random(in: 0..<6, using: &random)])
        case .time:
            return .string(Timestamp.format(Date().addingTimeInterval(Double(Int.random(in: -86_400 * 30...3_600, using: &random)))))
        case .integer(let minimum, let maximum):
            let low = minimum == .min ? 0 : minimum
            return .number(Double(Int.random(in: low...(maximum == .max ? max(low, 10) : maximum), using: &random)))
        case .number:
            return .number(Double(Int.random(in: 0...5, using: &random)))
        case .bool:
            return .bool(Bool.random(using: &random))
        case .choice(let values):
            return values.isEmpty ? "" : .string(values[Int.random(in: 0..<values.count, using: &random)])
        case .list(let element, _):
            return depth > 3 ? [] : .array((0..<Int.random(in: 0...2, using: &random)).map { _ in value(element, name: name, depth: depth + 1) })
        case .object(let fields) where fields.isEmpty:
            return ["note": "text"]
        case .object(let fields):
            guard depth <= 3 else { return [:] }
            var object: [String: JSONValue] = [:]
            for field in fields where field.required || Bool.random(using: &random) {
                object[field.name] = value(field.kind, name: field.name, depth: depth + 1)
            }
            return .object(object)
        }
    }

    /// A value of another JSON type than `value`.
    private mutating func wrongType(for value: JSONValue) -> JSONValue {
        switch value {
        case .string: .number(42)
        case .number: "forty-two"
        case .bool: "true"
        case .object: .array([1, 2])
        case .array: ["not": "a list"]
        case .null: .bool(false)
        }
    }
}
