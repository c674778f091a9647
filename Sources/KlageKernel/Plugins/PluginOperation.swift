import Foundation

/// An operation a plug-in exposes as the JSON-RPC method `<plugin>.<noun>.<verb>`.
///
/// Params are declared once, as typed ``Field``s: the RPC layer validates them before the handler
/// runs and lists them in `rpc.discover`, only for tenants that enable the plug-in; the handler reads
/// them typed from its ``OperationInput``. The handler returns any `Encodable` value, which becomes
/// the method's result.
///
/// ```swift
/// static let id = Field<Identifier<Action>>("id", .text(max: 64))
/// static let note = Field<String?>("note", .text(max: 2_000))
///
/// static let complete = PluginOperation(
///     "gladsaxe.action.complete", summary: "Marks an action done.", roles: [.caseworker], params: [id, note]
/// ) { input, context in
///     var action = try await context.records.require(try input[id], what: "action")
///     action.note = try input[note]
///     return try await context.records.update(action)
/// }
/// ```
public struct PluginOperation: Sendable {
    /// The method's name, `<plugin>.<noun>.<verb>`.
    public let name: String
    /// One sentence for `rpc.discover`.
    public let summary: String
    /// The roles that may call it.
    public let roles: Set<Role>
    /// The params, as the kernel validates and `rpc.discover` lists them.
    public let params: [FieldSpec]
    /// Runs the operation on validated params and returns its result as JSON.
    public let handler: @Sendable (OperationInput, PluginContext) async throws -> JSONValue
    /// What is wrong with the declaration (a param declared twice, a param's kind that does not fit
    /// its Swift type); registration refuses the plug-in with these.
    let problems: [String]

    /// Declares an operation.
    ///
    /// - Parameters:
    ///   - name: `<plugin>.<noun>.<verb>`.
    ///   - summary: One sentence for `rpc.discover`.
    ///   - roles: The roles that may call it.
    ///   - params: Its params, typically ``Field``s that the handler reads with `input[field]`.
    ///   - handler: Runs on validated params; its `Encodable` result is the method's result.
    public init<Result: Encodable>(
        _ name: String, summary: String, roles: Set<Role>, params: [any FieldDeclaration] = [],
        handler: @escaping @Sendable (OperationInput, PluginContext) async throws -> Result
    ) {
        let specs = params.map(\.spec)
        let declared = Set(specs.map(\.name))
        problems =
            (declared.count == specs.count ? [] : ["operation '\(name)' declares a param twice"])
            + params.compactMap(\.typeProblem).map { "operation '\(name)': \($0)" }
        self.name = name
        self.summary = summary
        self.roles = roles
        self.params = specs
        self.handler = { input, context in
            try PluginJSON.encode(try await handler(OperationInput(params: input.params, declared: declared), context))
        }
    }
}
