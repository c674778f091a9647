import Foundation
public import KlageKernel

/// The methods the dispatcher serves, frozen after registration; also the source of `rpc.discover`.
///
/// ```swift
/// var builder = RPCMethodRegistry.Builder()
/// builder.register(RPCMethod("complaint.get", summary: "One complaint by id.", roles: Role.anyTenantRole, params: [id]) { … })
/// let registry = builder.build()
/// ```
public struct RPCMethodRegistry: Sendable {
    private let methods: [String: RPCMethod]

    /// The method named `name`, if registered.
    public func entry(_ name: String) -> RPCMethod? { methods[name] }

    /// The methods a caller can use, sorted by name: a host operator sees the open and operator
    /// methods; a tenant's key sees the open methods and the tenant methods its role may call, with the
    /// plug-ins its tenant enables; a caller without a key sees every core method (the public contract).
    public func entries(for actor: Principal?, tenant: Tenant?) -> [RPCMethod] {
        methods.values.filter { method in
            if let plugin = method.plugin, !(tenant?.plugins.contains(plugin.rawValue) ?? false) { return false }
            guard let actor else { return true }
            switch method.access {
            case .open: return true
            case .hostOperator: return actor.role == .operator
            case .tenant(let roles): return actor.role != .operator && actor.holds(anyOf: roles)
            case .hostOperatorOrTenant(let roles): return actor.role == .operator || actor.holds(anyOf: roles)
            }
        }
        .sorted { $0.name < $1.name }
    }

    /// Every method name, sorted.
    public var names: [String] { methods.keys.sorted() }

    /// Collects method registrations.
    public struct Builder: Sendable {
        private var methods: [String: RPCMethod] = [:]

        public init() {}

        /// Registers a method. Registering one name twice is a programmer mistake.
        public mutating func register(_ method: RPCMethod) {
            precondition(methods[method.name] == nil, "method \(method.name) registered twice")
            methods[method.name] = method
        }

        /// Registers methods, in order.
        public mutating func register(_ methods: [RPCMethod]) {
            for method in methods { register(method) }
        }

        /// Freezes the registry.
        public func build() -> RPCMethodRegistry {
            RPCMethodRegistry(methods: methods)
        }
    }
}
