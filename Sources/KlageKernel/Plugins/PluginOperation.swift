import Foundation

/// An operation a plug-in exposes as the JSON-RPC method `<plugin>.<noun>.<verb>`.
///
/// Params are declared as ``FieldSpec``s: the RPC layer validates them before the handler runs and
/// lists them in `rpc.discover`, only for tenants that enable the plug-in.
///
/// ```swift
/// PluginOperation("gladsaxe.action.complete", summary: "Marks an action done.", roles: [.caseworker],
///                 params: [FieldSpec("id", .text(max: 64), required: true)]) { input, context in
///     …
/// }
/// ```
public struct PluginOperation: Sendable {
    public let name: String
    public let summary: String
    public let roles: Set<Role>
    public let params: [FieldSpec]
    public let handler: @Sendable (OperationInput, PluginContext) async throws -> JSONValue

    public init(
        _ name: String, summary: String, roles: Set<Role>, params: [FieldSpec] = [],
        handler: @escaping @Sendable (OperationInput, PluginContext) async throws -> JSONValue
    ) {
        self.name = name
        self.summary = summary
        self.roles = roles
        self.params = params
        self.handler = handler
    }
}

/// An operation's validated params, with typed accessors.
public struct OperationInput: Sendable {
    public let params: [String: JSONValue]

    public init(params: [String: JSONValue]) {
        self.params = params
    }

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
