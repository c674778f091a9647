extension Field {
    /// Whether every kind of value the declaration accepts reads back as `Value`: the start-up check
    /// that a `Field<Int>` is not declared `.text`, that a `.choice` lists only the enum's raw values,
    /// and that an `.object`'s fields are the struct's (its required ones, at least).
    ///
    /// It decodes a sample of each value the kind accepts (``FieldSpec/Kind/samples``) as `Value`.
    public var typeProblem: String? {
        for sample in spec.kind.samples where (try? PluginJSON.decode(Value.self, from: sample)) == nil {
            return "field '\(spec.name)' is declared as \(spec.kind.expected), but its Swift type \(Value.self) cannot hold \(sample.sketch)"
        }
        return nil
    }
}

extension FieldSpec.Kind {
    /// Values this kind accepts, enough to tell whether a Swift type holds them all: each choice, an
    /// empty and a one-item list, and an object with every field set besides one with its required
    /// fields alone.
    var samples: [JSONValue] {
        switch self {
        case .text: [.string("text")]
        case .bool: [.bool(true), .bool(false)]
        case .integer(let min, let max): [.number(Double(min)), .number(Double(max))]
        case .number: [.number(0.5)]
        case .time: [.string("2026-01-01T12:00:00Z")]
        case .choice(let options): options.map(JSONValue.string)
        case .list(let element, _): [.array([])] + element.samples.map { .array([$0]) }
        case .object(let specs):
            [
                .object(Dictionary(uniqueKeysWithValues: specs.compactMap { spec in spec.kind.samples.first.map { (spec.name, $0) } })),
                .object(
                    Dictionary(uniqueKeysWithValues: specs.filter(\.required).compactMap { spec in spec.kind.samples.first.map { (spec.name, $0) } })),
            ]
        }
    }
}

extension JSONValue {
    /// A short rendering of a sample value for a start-up error.
    var sketch: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
        case .string(let value): "\"\(value)\""
        case .array(let items): "[\(items.map(\.sketch).joined(separator: ", "))]"
        case .object(let members): "{\(members.keys.sorted().map { "\"\($0)\": \(members[$0]!.sketch)" }.joined(separator: ", "))}"
        }
    }
}
