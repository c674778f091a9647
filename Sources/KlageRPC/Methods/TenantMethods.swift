import Foundation
import KlageKernel

/// A new API key, shown once.
struct CreatedKeyView: WireSample {
    let id: String
    let key: String
    let tenant: String?
    let role: Role
    let expiresAt: Date?

    static let sample = CreatedKeyView(id: "", key: "", tenant: nil, role: .caseworker, expiresAt: .distantFuture)
}

/// `{"revoked": true}`.
struct RevokedView: WireSample {
    let revoked: Bool

    static let sample = RevokedView(revoked: true)
}

extension RPCServices {
    /// `tenant.create`, `.list` and `.get`; `apiKey.create` and `.revoke`: the host operator's methods.
    var tenantMethods: [RPCMethod] {
        let tenant = Field<TenantID>("id", .text(max: 64))
        let newTenant = Field<String>("id", .text(max: 64), "lowercase id, e.g. roskilde")
        let name = Field<String>("name", .text(max: 200))
        let plugins = Field<[String]>("plugins", .list(.text(max: 64), max: 50))
        let settings = Field<[String: JSONValue]?>("settings", .object([]))
        let keyTenant = Field<TenantID?>("tenant", .text(max: 64), "omit for a host operator key")
        let role = Field<Role>("role", .choice(of: Role.self))
        let label = Field<String>("label", .text(max: 200))
        let key = Field<APIKeyID>("id", .text(max: 64))
        let expiresAt = Field<Date?>("expiresAt", .time, "when the key stops working; never by default; at most five years ahead")
        return [
            RPCMethod(
                "tenant.create", summary: "Adds a tenant (a municipality) with the plug-ins it enables.", access: .hostOperator,
                params: [newTenant, name, plugins, settings]
            ) { input, context in
                try await tenants.create(
                    id: input[newTenant], name: input[name], plugins: input[plugins], settings: input[settings] ?? [:],
                    by: try context.requireActor().id)
            },
            RPCMethod("tenant.list", summary: "Every tenant on the host.", access: .hostOperator) { _, _ in
                ItemsView(items: try await tenants.list())
            },
            RPCMethod("tenant.get", summary: "One tenant by id.", access: .hostOperator, params: [tenant]) { input, _ in
                try await tenants.get(input[tenant])
            },
            RPCMethod(
                "apiKey.create", summary: "Creates an API key for a tenant role (or a host operator key); the key is shown only here.",
                access: .hostOperator, params: [keyTenant, role, label, expiresAt]
            ) { input, context in
                let (key, secret) = try await keys.create(
                    tenant: input[keyTenant], role: input[role], label: input[label], expiresAt: input[expiresAt], by: try context.requireActor().id)
                return CreatedKeyView(id: key.id.rawValue, key: secret, tenant: key.tenant?.rawValue, role: key.role, expiresAt: key.expiresAt)
            },
            RPCMethod("apiKey.revoke", summary: "Revokes an API key; it stops working at once.", access: .hostOperator, params: [key]) {
                input, context in
                try await keys.revoke(input[key], by: try context.requireActor())
                return RevokedView(revoked: true)
            },
        ]
    }
}
