import Foundation
public import KlageKernel

/// A method's params, decoded by their declarations before the handler runs, and read typed.
///
/// ```swift
/// let id = input[Self.id]                                // ComplaintID, required
/// let note = input[Self.note]                            // String?, optional
/// let draft = try input.read(NewComplaint.params)        // a draft, field by field
/// ```
///
/// Reading a param the method does not declare is a programmer mistake.
public struct RPCInput: Sendable, FieldReader {
    private let values: [String: any Sendable]

    /// Decodes every declared param in order; the first that does not fit is the error.
    init(decoding params: [String: JSONValue], with decoders: [any ParamDecoding]) throws {
        var values: [String: any Sendable] = [:]
        for decoder in decoders { values[decoder.name] = try decoder.decodeParam(from: params) }
        self.values = values
    }

    /// A declared param's typed value: `nil` for an optional param left out, the default for a param with one.
    public subscript<Value>(field: Field<Value>) -> Value {
        guard let value = values[field.name] else { preconditionFailure("param '\(field.name)' is read but not declared") }
        return value as! Value
    }

    /// The draft that declared fields fill, e.g. `complaint.create`'s ``KlageKernel/NewComplaint``.
    public func read<Draft>(_ fields: DraftFields<Draft>) throws -> Draft {
        try fields.read(from: self)
    }

    /// The typed value, as a ``KlageKernel/FieldReader``; never throws for a declared param.
    public func value<Value>(of field: Field<Value>) throws -> Value {
        self[field]
    }

    /// The typed decoders of `params`: core params are typed ``KlageKernel/Field``s.
    static func decoders(for params: [any FieldDeclaration], of method: String) -> [any ParamDecoding] {
        params.map { param in
            guard let decoder = param as? any ParamDecoding else {
                preconditionFailure("method \(method) declares param '\(param.spec.name)' without a type: declare a Field<Value>")
            }
            return decoder
        }
    }
}

/// A param that decodes itself from a params object by its Swift type.
protocol ParamDecoding: FieldDeclaration {
    var name: String { get }
    /// The param's value in `params`, as ``ParamsDecoder`` reads it.
    func decodeParam(from params: [String: JSONValue]) throws -> any Sendable
}

extension Field: ParamDecoding {
    /// Absent or `null`: the default, or `nil` when optional; a required param is -32602. Present: decoded
    /// as `Value` (-32602 for a wrong JSON type, -32022 for a value the type refuses), then held to its
    /// declared kind (a range, a length, a list's size: -32022), the field named. The declaration that
    /// `rpc.discover` lists is the one that is enforced.
    func decodeParam(from params: [String: JSONValue]) throws -> any Sendable {
        switch params[name] {
        case nil, .null?:
            if let fallback = defaultValue { return fallback }
            if let nothing = (Value.self as? any ExpressibleByNilLiteral.Type)?.init(nilLiteral: ()) { return nothing as! Value }
            throw RPCError.invalidParams(field: name, reason: params[name] == nil ? "is required" : "must not be null")
        case let json?:
            let value = try ParamsDecoder.decode(Value.self, from: json, at: name)
            // A blank text is the service's to judge: an optional one means "none" (``Validate/optionalText``).
            guard let held = json.droppingBlankTexts else { return value }
            do {
                try FieldSpec.validate([name: held], against: [spec], path: "")
            } catch let error as KlageError {
                throw RPCError(error)
            }
            return value
        }
    }
}

extension JSONValue {
    /// The value without its blank texts (an object's blank members left out), or `nil` for a blank text.
    fileprivate var droppingBlankTexts: JSONValue? {
        switch self {
        case .string(let text): text.allSatisfy(\.isWhitespace) ? nil : self
        case .array(let items): .array(items.map { $0.droppingBlankTexts ?? $0 })
        case .object(let members): .object(members.compactMapValues(\.droppingBlankTexts))
        default: self
        }
    }
}
