import Foundation
import KlageKernel

extension RPCServices {
    /// Registers every plug-in operation as a JSON-RPC method, callable (and listed) only for tenants
    /// that enable its plug-in. Params are validated against the operation's field specs first.
    func registerPluginOperations(into builder: inout RPCMethodRegistry.Builder) {
        for (plugin, operation) in env.registry.operations {
            let env = self.env
            builder.register(
                name: operation.name, summary: operation.summary, access: .tenant(operation.roles),
                params: operation.params.map(RPCParam.init(field:)), result: .anyObject, plugin: plugin
            ) { params, context in
                let (tenant, actor) = try context.tenantScope()
                try FieldSpec.validate(params, against: operation.params, path: "")
                let result = try await operation.handler(OperationInput(params: params), env.pluginContext(plugin, tenant: tenant, actor: actor))
                return try RPCResponse.encoder.encode(result)
            }
        }
    }
}

extension RPCParam {
    /// The OpenRPC param of a plug-in field.
    init(field: FieldSpec) {
        self.init(field.name, RPCSchema(field.kind), required: field.required, field.summary)
    }
}

extension RPCSchema {
    /// The JSON Schema of a plug-in field's kind.
    init(_ kind: FieldSpec.Kind) {
        switch kind {
        case .text: self = .string
        case .bool: self = .boolean
        case .integer(let min, let max): self = .integer(minimum: min, maximum: max)
        case .time: self = .dateTime
        case .choice(let options): self = .oneOf(options)
        case .list(let element, _): self = .array(RPCSchema(element))
        case .object(let fields):
            self = .object(
                Dictionary(uniqueKeysWithValues: fields.map { ($0.name, RPCSchema($0.kind)) }),
                required: fields.filter(\.required).map(\.name))
        }
    }
}
