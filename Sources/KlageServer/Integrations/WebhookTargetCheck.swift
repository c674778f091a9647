import Foundation
import KlageKernel

/// Refuses webhook targets that would let a tenant admin reach the host's own network (SSRF), and
/// says which address a delivery connects to.
///
/// The URL must be https with no credentials, and every address its host resolves to must be public,
/// not loopback, private, shared (CGNAT), link-local, multicast or reserved. The host operator may
/// allow a tenant private targets and plain http (``IntegrationSettings/webhookPrivateTargetTenants``);
/// even then the addresses that are the host's own (loopback, link-local, the cloud metadata
/// services, unspecified: ``IPAddress/isNeverATarget``) are refused. Only tests may allow loopback
/// (``IntegrationSettings/allowLoopbackTargetsForTests``).
///
/// The check runs when a webhook is created and again before every delivery; the host's name is
/// resolved once per check, and the delivery connects to the address the check returns, not to
/// whatever the name resolves to a moment later (``HTTPWebhookTransport``). Redirects are never followed.
struct WebhookTargetCheck: Sendable {
    let privateTenants: Set<String>
    /// Whether private tenants may also reach loopback: tests only, never from the environment or `klage.json`.
    var allowLoopbackForTests = false
    /// Where names are resolved: the system's resolver, or a test's.
    var resolver: WebhookResolver = .system

    /// A target that passed the check: its URL, and the one address a delivery connects to.
    struct Target: Sendable {
        let url: URL
        /// The URL's host as AsyncHTTPClient sees it (a name, or a literal address).
        let host: String
        /// The checked address to connect to: the first the host resolved to.
        let address: IPAddress
        /// Whether the host is a name (and the connection must be pinned to ``address``), not a literal address.
        let hostIsName: Bool
    }

    /// Checks `text` for `tenant`. - Returns: the target. - Throws: a validation error on field `url`.
    func check(_ text: String, tenant: TenantID) async throws -> Target {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw KlageError.validation(field: "url", reason: "must be an absolute http(s) URL")
        }
        guard url.user == nil, url.password == nil else { throw KlageError.validation(field: "url", reason: "must not hold credentials") }
        let mayBePrivate = privateTenants.contains(tenant.rawValue)
        guard scheme == "https" || (scheme == "http" && mayBePrivate) else {
            throw KlageError.validation(field: "url", reason: "must be https")
        }
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let literal = IPAddress(literal: name)
        let addresses: [IPAddress]
        if let literal { addresses = [literal] } else { addresses = try await resolver.resolve(name) }
        guard let first = addresses.first else { throw KlageError.validation(field: "url", reason: "the host does not resolve") }
        for address in addresses {
            if address.isLoopback && mayBePrivate && allowLoopbackForTests { continue }
            guard !address.isNeverATarget else {
                throw KlageError.validation(field: "url", reason: "the host resolves to a loopback, link-local or metadata address")
            }
            guard address.isPublic || mayBePrivate else {
                throw KlageError.validation(field: "url", reason: "the host resolves to a loopback, private or link-local address")
            }
        }
        return Target(url: url, host: host, address: first, hostIsName: literal == nil)
    }
}
