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
    let label: String
    let tenant: TenantView
    let expiresAt: String
    let console: PluginConsole

    init(_ identity: ConsoleSessions.Identity, csrf: String, expiresAt: Date, plugins: PluginRegistry) {
        self.csrf = csrf
        role = identity.role.rawValue
        label = identity.keyLabel
        tenant = TenantView(id: identity.tenant.id.rawValue, name: identity.tenant.name, plugins: identity.tenant.plugins)
        self.expiresAt = ISO8601DateFormatter().string(from: expiresAt)
        console = plugins.console(for: identity.tenant, role: identity.role)
    }
}
