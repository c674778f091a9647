public import Foundation
public import KlageKernel

/// The methods the dispatcher serves, frozen after registration; also the source of `rpc.discover`.
///
/// ```swift
/// var builder = RPCMethodRegistry.Builder()
/// builder.register(ComplaintGet.self) { params, context in … }
/// let registry = builder.build()
/// ```
public struct RPCMethodRegistry: Sendable {
    /// One registered method: its declaration and its type-erased handler.
    public struct Entry: Sendable {
        public let name: String
        public let summary: String
        public let access: RPCAccess
        public let params: [RPCParam]
        public let result: RPCSchema
        /// The plug-in that contributed it; only tenants enabling that plug-in see it.
        public let plugin: PluginID?
        let handle: @Sendable ([String: JSONValue], RPCContext) async throws -> Data
    }

    private let entries: [String: Entry]

    /// The entry for `name`, if registered.
    public func entry(_ name: String) -> Entry? { entries[name] }

    /// The methods a caller can use, sorted by name: a host operator sees the open and operator
    /// methods; a tenant's key sees the open methods and the tenant methods its role may call, with the
    /// plug-ins its tenant enables; a caller without a key sees every core method (the public contract).
    public func entries(for actor: Principal?, tenant: Tenant?) -> [Entry] {
        entries.values.filter { entry in
            if let plugin = entry.plugin, !(tenant?.plugins.contains(plugin.rawValue) ?? false) { return false }
            guard let actor else { return true }
            switch entry.access {
            case .open: return true
            case .hostOperator: return actor.role == .operator
            case .tenant(let roles): return actor.role != .operator && actor.holds(anyOf: roles)
            }
        }
        .sorted { $0.name < $1.name }
    }

    /// Every method name, sorted.
    public var names: [String] { entries.keys.sorted() }

    /// Collects method registrations.
    public struct Builder: Sendable {
        private var entries: [String: Entry] = [:]

        public init() {}

        /// Registers a method's handler. Registering one name twice is a programmer mistake.
        public mutating func register<Method: RPCMethod>(
            _ method: Method.Type, plugin: PluginID? = nil,
            handler: @escaping @Sendable (Method.Params, RPCContext) async throws -> Method.Result
        ) {
            add(method, plugin: plugin, handler: handler)
        }

        /// Registers a tenant method's handler, which gets the tenant and actor the dispatcher guaranteed.
        /// Registering one name twice is a programmer mistake.
        public mutating func register<Method: TenantMethod>(
            _ method: Method.Type, plugin: PluginID? = nil,
            handler: @escaping @Sendable (Method.Params, TenantContext) async throws -> Method.Result
        ) {
            add(method, plugin: plugin) { params, context in
                let (tenant, actor) = try context.tenantScope()
                return try await handler(params, TenantContext(tenant: tenant, actor: actor, logger: context.logger))
            }
        }

        private mutating func add<Method: RPCMethod>(
            _ method: Method.Type, plugin: PluginID?,
            handler: @escaping @Sendable (Method.Params, RPCContext) async throws -> Method.Result
        ) {
            precondition(entries[Method.name] == nil, "method \(Method.name) registered twice")
            entries[Method.name] = Entry(
                name: Method.name, summary: Method.summary, access: Method.access, params: Method.params,
                result: Method.result, plugin: plugin
            ) { params, context in
                let decoded = try ParamsDecoder.decode(Method.Params.self, from: params)
                let result = try await handler(decoded, context)
                return try RPCResponse.encoder.encode(result)
            }
        }

        /// Registers a method declared at run time (a plug-in operation) with a raw handler.
        public mutating func register(
            name: String, summary: String, access: RPCAccess, params: [RPCParam], result: RPCSchema, plugin: PluginID?,
            handler: @escaping @Sendable ([String: JSONValue], RPCContext) async throws -> Data
        ) {
            precondition(entries[name] == nil, "method \(name) registered twice")
            entries[name] = Entry(name: name, summary: summary, access: access, params: params, result: result, plugin: plugin, handle: handler)
        }

        /// Freezes the registry.
        public func build() -> RPCMethodRegistry {
            RPCMethodRegistry(entries: entries)
        }
    }
}
