public import KlageKernel

/// `tenant.create`: adds a municipality to the host.
public enum TenantCreate: RPCMethod {
    public struct Params: Decodable, Sendable {
        let id: String
        let name: String
        let plugins: [String]
        let settings: [String: JSONValue]?
    }
    public typealias Result = Tenant
    public static let name = "tenant.create"
    public static let summary = "Adds a tenant (a municipality) with the plug-ins it enables."
    public static let access = RPCAccess.hostOperator
    public static let params = [
        RPCParam("id", .string, required: true, "lowercase id, e.g. roskilde"), RPCParam("name", .string, required: true),
        RPCParam("plugins", .array(.string), required: true), RPCParam("settings", .anyObject),
    ]
    public static let result = RPCSchema.ref("Tenant")
}

/// `tenant.list`: every tenant on the host.
public enum TenantList: RPCMethod {
    public typealias Params = NoParams
    public typealias Result = ItemsView<Tenant>
    public static let name = "tenant.list"
    public static let summary = "Every tenant on the host."
    public static let access = RPCAccess.hostOperator
    public static let params: [RPCParam] = []
    public static let result = ItemsView<Tenant>.schema("Tenant")
}

/// `tenant.get`: one tenant.
public enum TenantGet: RPCMethod {
    public struct Params: Decodable, Sendable { let id: TenantID }
    public typealias Result = Tenant
    public static let name = "tenant.get"
    public static let summary = "One tenant by id."
    public static let access = RPCAccess.hostOperator
    public static let params = [RPCParam("id", .string, required: true)]
    public static let result = RPCSchema.ref("Tenant")
}

/// `apiKey.create`: a new key, shown once.
public enum APIKeyCreate: RPCMethod {
    public struct Params: Decodable, Sendable {
        let tenant: TenantID?
        let role: Role
        let label: String
    }
    public struct Result: Encodable, Sendable {
        let id: String
        let key: String
        let tenant: String?
        let role: String
    }
    public static let name = "apiKey.create"
    public static let summary = "Creates an API key for a tenant role (or a host operator key); the key is shown only here."
    public static let access = RPCAccess.hostOperator
    public static let params = [
        RPCParam("tenant", .string, "omit for a host operator key"), RPCParam("role", .oneOf(Role.allCases.map(\.rawValue)), required: true),
        RPCParam("label", .string, required: true),
    ]
    public static let result = RPCSchema.object(
        ["id": .string, "key": .string, "tenant": .nullable(.string), "role": .string], required: ["id", "key", "role"])
}

/// `apiKey.revoke`: revokes a key at once.
public enum APIKeyRevoke: RPCMethod {
    public struct Params: Decodable, Sendable { let id: APIKeyID }
    public struct Result: Encodable, Sendable { let revoked: Bool }
    public static let name = "apiKey.revoke"
    public static let summary = "Revokes an API key; it stops working at once."
    public static let access = RPCAccess.hostOperator
    public static let params = [RPCParam("id", .string, required: true)]
    public static let result = RPCSchema.object(["revoked": .boolean], required: ["revoked"])
}

extension RPCServices {
    func registerTenantMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(TenantCreate.self) { params, _ in
            try await tenants.create(id: params.id, name: params.name, plugins: params.plugins, settings: params.settings ?? [:])
        }
        builder.register(TenantList.self) { _, _ in
            ItemsView(items: try await tenants.list())
        }
        builder.register(TenantGet.self) { params, _ in
            try await tenants.get(params.id)
        }
        builder.register(APIKeyCreate.self) { params, _ in
            let (key, secret) = try await keys.create(tenant: params.tenant, role: params.role, label: params.label)
            return .init(id: key.id.rawValue, key: secret, tenant: key.tenant?.rawValue, role: key.role.rawValue)
        }
        builder.register(APIKeyRevoke.self) { params, context in
            try await keys.revoke(params.id, by: try context.requireActor())
            return .init(revoked: true)
        }
    }
}
