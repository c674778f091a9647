import Foundation
public import KlageKernel

/// Who may call a method.
public enum RPCAccess: Sendable, Hashable {
    /// Anyone, without an API key.
    case open
    /// Host operator keys only.
    case hostOperator
    /// Keys of a tenant holding one of these roles (admins and leaders include the roles below them).
    case tenant(Set<Role>)
    /// Host operator keys, and keys of a tenant holding one of these roles; the handler scopes a
    /// tenant's caller to their own tenant.
    case hostOperatorOrTenant(Set<Role>)

    /// Every tenant role.
    public static let anyTenantRole = RPCAccess.tenant(Set(Role.tenantRoles))
}

/// A JSON-RPC method, declared once: its name, who may call it, its params as typed ``KlageKernel/Field``s,
/// and its handler, whose result type gives the result's schema. The declaration feeds the dispatcher
/// and `rpc.discover` alike.
///
/// Core methods, plug-in operations (``init(_:of:context:)``) and the methods a transport serves
/// itself are all methods of this one kind:
///
/// ```swift
/// static let id = Field<ComplaintID>("id", .text(max: 64))
///
/// RPCMethod("complaint.get", summary: "One complaint by id.", roles: Role.anyTenantRole, params: [id]) { input, context in
///     ComplaintView(try await complaints.read(input[id], in: context.tenant, by: context.actor, purpose: "complaint.get"),
///                   now: now, for: context.actor)
/// }
/// ```
///
/// Before the handler runs, every declared param is decoded by its field's Swift type (``RPCInput``):
/// a required param missing, or a value of the wrong JSON type, is -32602; a value of the right type
/// that breaks a rule of the type (an unknown enum value, a malformed time) is -32022. Rules beyond the
/// type (lengths, ranges) are the kernel services'; params not declared are ignored. A handler reads
/// its params typed, with `input[field]`.
public struct RPCMethod: Sendable {
    /// The method's name, e.g. `complaint.get`.
    public let name: String
    /// One sentence for the OpenRPC document.
    public let summary: String
    /// Who may call it.
    public let access: RPCAccess
    /// Its params, as `rpc.discover` lists them.
    public let params: [FieldSpec]
    /// Its result's schema.
    public let result: RPCSchema
    /// The named schemas the result refers to, for the document's `components`.
    public let components: [String: RPCSchema]
    /// The plug-in that contributed it; only tenants enabling that plug-in see it.
    public let plugin: PluginID?
    let handle: @Sendable ([String: JSONValue], RPCContext) async throws -> Data

    init(
        name: String, summary: String, access: RPCAccess, params: [FieldSpec], result: RPCSchema, components: [String: RPCSchema] = [:],
        plugin: PluginID? = nil, handle: @escaping @Sendable ([String: JSONValue], RPCContext) async throws -> Data
    ) {
        precondition(Set(params.map(\.name)).count == params.count, "method \(name) declares a param twice")
        self.name = name
        self.summary = summary
        self.access = access
        self.params = params
        self.result = result
        self.components = components
        self.plugin = plugin
        self.handle = handle
    }

    /// Declares a method that anyone, or host operators, may call; its handler gets an ``RPCContext``.
    ///
    /// - Parameters:
    ///   - name: The method's name, e.g. `tenant.get`.
    ///   - summary: One sentence for the OpenRPC document.
    ///   - access: Who may call it.
    ///   - params: Its params, typed ``KlageKernel/Field``s that the handler reads with `input[field]`.
    ///   - handler: Runs on decoded params; what it returns is the result, and its type the result's schema.
    public init<Result: WireDescribed>(
        _ name: String, summary: String, access: RPCAccess, params: [any FieldDeclaration] = [],
        handler: @escaping @Sendable (RPCInput, RPCContext) async throws -> Result
    ) {
        let decoders = RPCInput.decoders(for: params, of: name)
        let book = SchemaBook()
        self.init(
            name: name, summary: summary, access: access, params: params.map(\.spec), result: Result.describe(in: book),
            components: book.components
        ) { raw, context in
            let result = try await handler(try RPCInput(decoding: raw, with: decoders), context)
            return try RPCResponse.encode(result)
        }
    }

    /// Declares a method that keys of a tenant holding one of `roles` may call; its handler gets a
    /// ``TenantContext``, whose tenant and actor are never `nil`.
    public init<Result: WireDescribed>(
        _ name: String, summary: String, roles: Set<Role>, params: [any FieldDeclaration] = [],
        handler: @escaping @Sendable (RPCInput, TenantContext) async throws -> Result
    ) {
        self.init(name, summary: summary, access: .tenant(roles), params: params) { input, context in
            let (tenant, actor) = try context.tenantScope()
            return try await handler(input, TenantContext(tenant: tenant, actor: actor, logger: context.logger))
        }
    }
}
