import Foundation

/// An operation's validated params, read through their declarations.
///
/// ```swift
/// let complaint = try input[Self.complaintId]   // ComplaintID, required
/// let note = try input[Self.note]               // String?, optional
/// ```
public struct OperationInput: Sendable {
    /// The params as sent (already validated against their declarations).
    public let params: [String: JSONValue]
    private let declared: Set<String>?

    /// Wraps validated params.
    public init(params: [String: JSONValue]) {
        self.params = params
        self.declared = nil
    }

    init(params: [String: JSONValue], declared: Set<String>) {
        self.params = params
        self.declared = declared
    }

    /// A declared param's typed value; `nil` for an absent optional param.
    ///
    /// - Throws: validation naming the param when it is missing or does not fit; an internal error
    ///   (logged, never the caller's fault) when the operation reads a param it does not declare.
    public subscript<Value>(field: Field<Value>) -> Value {
        get throws {
            guard declared?.contains(field.name) ?? true else {
                throw KlageError.internalError("a plug-in operation read param '\(field.name)', which it does not declare in params:")
            }
            return try field.value(in: params)
        }
    }

    /// Whether the caller sent the param as JSON `null`, e.g. to clear a value (`"headcount": null`).
    public func isNull<Value>(_ field: Field<Value>) -> Bool {
        params[field.name] == .null
    }
}
