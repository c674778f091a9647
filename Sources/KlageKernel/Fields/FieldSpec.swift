import Foundation

/// A declared, validated field: how plug-ins extend records and describe their operations' params.
///
/// ```swift
/// FieldSpec("sharedWith", .list(.text(max: 100), max: 20), required: true, "colleagues or departments told")
/// ```
public struct FieldSpec: Sendable, Hashable {
    /// The kinds of value a field can hold.
    public indirect enum Kind: Sendable, Hashable {
        case text(max: Int)
        case bool
        case integer(min: Int, max: Int)
        /// Any JSON number, e.g. a median of days.
        case number
        /// An RFC 3339 time, kept as its string.
        case time
        case choice([String])
        case list(Kind, max: Int)
        case object([FieldSpec])
    }

    public let name: String
    public let kind: Kind
    public let required: Bool
    public let summary: String?
    /// The value an absent field takes, as `rpc.discover` shows it.
    public let defaultValue: JSONValue?
    /// What a form calls the field, in each language; a field a person fills in needs one.
    public let label: LocalizedText?

    public init(
        _ name: String, _ kind: Kind, required: Bool = false, _ summary: String? = nil, default defaultValue: JSONValue? = nil,
        label: LocalizedText? = nil
    ) {
        self.label = label
        self.name = name
        self.kind = kind
        self.required = required
        self.summary = summary
        self.defaultValue = defaultValue
    }

    /// Validates `fields` against `specs`: required fields present, every value of its kind, and, where
    /// any field is declared, no undeclared field unless it is in `alsoAllowed`. A record that declares
    /// no fields takes free-form ones (within ``Validate/fields(_:field:)``'s limits).
    ///
    /// - Throws: validation naming the field's path, e.g. `fields.agreement.tasks[0].due`.
    ///
    /// With `strict`, undeclared fields are refused even where none are declared (action fields, which
    /// are merged into the complaint and must not overwrite what other steps recorded).
    public static func validate(
        _ fields: [String: JSONValue], against specs: [FieldSpec], path: String, alsoAllowed: Set<String> = [], strict: Bool = false
    ) throws {
        let declared = Set(specs.map(\.name))
        for key in fields.keys.sorted() where (strict || !specs.isEmpty) && !declared.contains(key) && !alsoAllowed.contains(key) {
            throw KlageError.validation(field: join(path, key), reason: "is not a field here; known: \(specs.map(\.name).joined(separator: ", "))")
        }
        for spec in specs {
            let value = fields[spec.name]
            if value == nil || value == .null {
                if spec.required { throw KlageError.validation(field: join(path, spec.name), reason: "is required") }
                continue
            }
            try check(value!, kind: spec.kind, path: join(path, spec.name))
        }
    }

    private static func check(_ value: JSONValue, kind: Kind, path: String) throws {
        func fail(_ reason: String) -> KlageError { KlageError.validation(field: path, reason: reason) }
        switch kind {
        case .text(let max):
            guard let text = value.stringValue else { throw fail("must be a string") }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw fail("must not be empty") }
            if text.utf8.count > Validate.maximumBytes(max) || text.count > max {
                throw fail("must be at most \(max) characters (\(Validate.maximumBytes(max)) bytes of UTF-8)")
            }
        case .bool:
            guard value.boolValue != nil else { throw fail("must be true or false") }
        case .integer(let min, let max):
            guard let number = value.numberValue, number.rounded() == number else { throw fail("must be a whole number") }
            guard Double(min) <= number, number <= Double(max) else { throw fail("must be between \(min) and \(max)") }
        case .number:
            guard value.numberValue != nil else { throw fail("must be a number") }
        case .time:
            guard let text = value.stringValue, Timestamp.parse(text) != nil else { throw fail("must be an RFC 3339 time") }
        case .choice(let options):
            guard let text = value.stringValue, options.contains(text) else { throw fail("must be one of: \(options.joined(separator: ", "))") }
        case .list(let element, let max):
            guard let items = value.arrayValue else { throw fail("must be a list") }
            if items.count > max { throw fail("must hold at most \(max) items") }
            for (index, item) in items.enumerated() { try check(item, kind: element, path: "\(path)[\(index)]") }
        case .object(let specs):
            guard let object = value.objectValue else { throw fail("must be an object") }
            try validate(object, against: specs, path: path)
        }
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
