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
    /// Reading a param the operation does not declare is a programmer mistake.
    /// - Throws: validation naming the param when it is missing or does not fit.
    public subscript<Value>(field: Field<Value>) -> Value {
        get throws {
            precondition(declared?.contains(field.name) ?? true, "param '\(field.name)' is read but not declared")
            return try field.value(in: params)
        }
    }

    /// Whether the caller sent the param as JSON `null`, e.g. to clear a value (`"headcount": null`).
    public func isNull<Value>(_ field: Field<Value>) -> Bool {
        params[field.name] == .null
    }
}
