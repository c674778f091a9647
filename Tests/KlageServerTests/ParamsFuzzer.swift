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
    mutating func params(_ params: [RPCParam], breakage: Breakage) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for param in params where param.required || breakage != .onlyRequired {
            object[param.name] = value(param.schema, name: param.name, depth: 0)
        }
        let names = params.map(\.name)
        func anyName(where matches: (RPCParam) -> Bool = { _ in true }) -> String? {
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

    /// A well-formed value of `schema`; a param named like an id gets an id that exists.
    private mutating func value(_ schema: RPCSchema, name: String, depth: Int) -> JSONValue {
        switch schema {
        case .string:
            if let known = ids[name] ?? (name == "id" ? ids.values.flatMap { $0 } : nil), !known.isEmpty {
                return .string(known[Int.random(in: 0..<known.count, using: &random)])
            }
            return .string(
                ["Borgerservice", "Teknik", "A note", "+45 12345678", "borger@example.dk", "010190-1234"][Int.random(in: 0..<6, using: &random)])
        case .dateTime:
            return .string(Timestamp.format(Date().addingTimeInterval(Double(Int.random(in: -86_400 * 30...3_600, using: &random)))))
        case .integer(let minimum, let maximum):
            return .number(Double(Int.random(in: (minimum ?? 0)...(maximum ?? max(minimum ?? 0, 10)), using: &random)))
        case .number:
            return .number(Double(Int.random(in: 0...5, using: &random)))
        case .boolean:
            return .bool(Bool.random(using: &random))
        case .oneOf(let values):
            return values.isEmpty ? "" : .string(values[Int.random(in: 0..<values.count, using: &random)])
        case .array(let items):
            return depth > 3 ? [] : .array((0..<Int.random(in: 0...2, using: &random)).map { _ in value(items, name: name, depth: depth + 1) })
        case .object(let properties, let required):
            guard depth <= 3 else { return [:] }
            var object: [String: JSONValue] = [:]
            for (key, property) in properties where required.contains(key) || Bool.random(using: &random) {
                object[key] = value(property, name: key, depth: depth + 1)
            }
            return .object(object)
        case .anyObject:
            return ["note": "text"]
        case .anyJSON:
            return "text"
        case .ref(let name):
            return name.hasPrefix("Citizen") ? ["name": "Karen Jensen", "phone": "+45 87654321"] : [:]
        case .nullable(let inner):
            return Int.random(in: 0..<4, using: &random) == 0 ? .null : value(inner, name: name, depth: depth)
        case .defaulted(let inner, _):
            return value(inner, name: name, depth: depth)
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
