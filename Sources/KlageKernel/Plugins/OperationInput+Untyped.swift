import Foundation

// Transitional: the string-keyed API, kept until every plug-in reads its params through `Field`s.
extension OperationInput {
    /// A text param; `nil` when absent.
    public func string(_ name: String) -> String? { params[name]?.stringValue }

    /// A required text param (validated as required by its spec).
    public func required(_ name: String) throws -> String {
        guard let value = string(name) else { throw KlageError.validation(field: name, reason: "is required") }
        return value
    }

    /// A Boolean param; `nil` when absent.
    public func bool(_ name: String) -> Bool? { params[name]?.boolValue }

    /// A whole-number param; `nil` when absent.
    public func int(_ name: String) -> Int? { params[name]?.numberValue.map { Int($0) } }

    /// A time param; `nil` when absent.
    public func time(_ name: String) -> Date? { string(name).flatMap(Timestamp.parse) }

    /// A list-of-text param; empty when absent.
    public func strings(_ name: String) -> [String] { params[name]?.arrayValue?.compactMap(\.stringValue) ?? [] }
}

extension PluginOperation {
    /// Declares an operation whose handler builds its JSON result by hand.
    public init(
        _ name: String, summary: String, roles: Set<Role>, params: [any FieldDeclaration] = [],
        handler: @escaping @Sendable (OperationInput, PluginContext) async throws -> JSONValue
    ) {
        self.name = name
        self.summary = summary
        self.roles = roles
        self.params = params.map(\.spec)
        self.handler = handler
    }
}
