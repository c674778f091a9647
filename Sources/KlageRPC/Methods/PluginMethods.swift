import Foundation
public import KlageKernel

extension RPCMethod {
    /// A plug-in operation as a JSON-RPC method, callable (and listed) only for tenants that enable its
    /// plug-in. Its params are checked against their declared kinds first, every failure -32022 naming
    /// the param, and an undeclared param is refused; its result is any object.
    public init(_ operation: PluginOperation, of plugin: PluginID, context: @escaping @Sendable (Tenant, Principal) -> PluginContext) {
        self.init(
            name: operation.name, summary: operation.summary, access: .tenant(operation.roles), params: operation.params, result: .anyObject,
            plugin: plugin
        ) { params, call in
            let (tenant, actor) = try call.tenantScope()
            try FieldSpec.validate(params, against: operation.params, path: "")
            let result = try await operation.handler(OperationInput(params: params), context(tenant, actor))
            return try RPCResponse.encode(result)
        }
    }
}

extension RPCServices {
    /// Every plug-in's operations, as methods.
    var pluginMethods: [RPCMethod] {
        env.registry.operations.map { plugin, operation in
            RPCMethod(operation, of: plugin) { [env] tenant, actor in env.pluginContext(plugin, tenant: tenant, actor: actor) }
        }
    }
}
