import KlageKernel
import KlageRPC

/// Checks a result against the schema `rpc.discover` lists for it: every value of its type, every
/// required member there, and no member the schema does not name, so a schema that misses a member
/// the wire carries is caught as surely as one that claims a member the wire lacks.
///
/// ```swift
/// #expect(SchemaCheck.problem(result, method.result, components: method.components) == nil)
/// ```
enum SchemaCheck {
    /// The first place where `value` does not fit `schema`, or `nil` when it fits.
    static func problem(_ value: JSONValue, _ schema: RPCSchema, components: [String: RPCSchema], at path: String = "result") -> String? {
        func expected(_ what: String) -> String { "\(path) is not \(what): \(value)" }
        switch schema {
        case .string:
            return value.stringValue == nil ? expected("text") : nil
        case .dateTime:
            return value.stringValue.flatMap(Timestamp.parse) == nil ? expected("an RFC 3339 time") : nil
        case .integer(let minimum, let maximum):
            guard let number = value.numberValue, number.rounded() == number else { return expected("a whole number") }
            if let minimum, number < Double(minimum) { return expected("at least \(minimum)") }
            if let maximum, number > Double(maximum) { return expected("at most \(maximum)") }
            return nil
        case .number:
            return value.numberValue == nil ? expected("a number") : nil
        case .boolean:
            return value.boolValue == nil ? expected("true or false") : nil
        case .oneOf(let options):
            return value.stringValue.map(options.contains) == true ? nil : expected("one of \(options)")
        case .array(let items):
            guard let elements = value.arrayValue else { return expected("a list") }
            return elements.enumerated().lazy.compactMap { problem($1, items, components: components, at: "\(path)[\($0)]") }.first
        case .object(let properties, let required):
            guard let members = value.objectValue else { return expected("an object") }
            if let missing = required.first(where: { members[$0] == nil }) { return "\(path).\(missing) is missing" }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                guard let property = properties[name] else { return "\(path).\(name) is not in the schema" }
                if let found = problem(member, property, components: components, at: "\(path).\(name)") { return found }
            }
            return nil
        case .anyObject:
            return value.objectValue == nil ? expected("an object") : nil
        case .anyJSON:
            return nil
        case .ref(let name):
            guard let named = components[name] else { return "\(path) refers to \(name), which is not among the components" }
            return problem(value, named, components: components, at: path)
        case .nullable(let inner):
            return value == .null ? nil : problem(value, inner, components: components, at: path)
        }
    }
}
