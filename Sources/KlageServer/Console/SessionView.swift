import Foundation
import KlageKernel

/// What the page learns of its session (`GET`/`POST /console/session`): who is signed in, and the
/// CSRF token it keeps in memory and sends as `X-CSRF-Token`. Never the key.
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

    init(_ identity: ConsoleSessions.Identity, csrf: String, expiresAt: Date) {
        self.csrf = csrf
        role = identity.role.rawValue
        label = identity.keyLabel
        tenant = TenantView(id: identity.tenant.id.rawValue, name: identity.tenant.name, plugins: identity.tenant.plugins)
        self.expiresAt = ISO8601DateFormatter().string(from: expiresAt)
    }
}
