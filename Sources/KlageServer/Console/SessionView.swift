import Foundation
import KlageKernel

/// What the page learns of its session (`GET`/`POST /console/session`): who is signed in, the CSRF
/// token it keeps in memory and sends as `X-CSRF-Token`, and what the tenant's plug-ins show in the
/// console (their panels, boards and attention kinds). Never the key.
struct SessionView: Encodable, Sendable {
    struct TenantView: Encodable, Sendable {
        let id: String
        let name: String
        let plugins: [String]
    }

    let csrf: String
    let role: String
    /// The key's label, or the person's name.
    let label: String
    /// How the session signed in: `provider` (the tenant's identity provider) or `key` (break-glass).
    let signedInWith: String
    /// The person's departments (from their groups); empty for a key.
    let departments: [String]
    let tenant: TenantView
    let expiresAt: String
    let console: PluginConsole

    init(_ identity: ConsoleSessions.Identity, csrf: String, expiresAt: Date, plugins: PluginRegistry) {
        self.csrf = csrf
        role = identity.role.rawValue
        label = identity.label
        signedInWith = identity.person == nil ? "key" : "provider"
        departments = identity.person?.departments ?? []
        tenant = TenantView(id: identity.tenant.id.rawValue, name: identity.tenant.name, plugins: identity.tenant.plugins)
        self.expiresAt = ISO8601DateFormatter().string(from: expiresAt)
        console = plugins.console(for: identity.tenant, role: identity.role)
    }
}
