public import Foundation
public import KlageKernel

/// A tenant's OpenID Connect provider for the console's sign-in: the `identityProvider` object of a
/// tenant file in `Config/tenants/`.
///
/// ```json
/// "identityProvider": {
///   "issuer": "https://login.kommune.dk/realms/ansatte",
///   "clientId": "klage",
///   "clientSecretFile": "/run/secrets/kommune-oidc",
///   "redirectURI": "https://klage.kommune.dk/console/oidc/callback",
///   "groups": { "klage-sagsbehandlere": { "roles": ["caseworker"], "departments": ["Borgerservice"] },
///               "klage-ledere": { "roles": ["leader"] } }
/// }
/// ```
///
/// The secret is read from `clientSecretFile` (a mounted secret), never written inline. Roles come only
/// from the groups the token's `groupsClaim` lists, through `groups`. Once a tenant has a provider,
/// pasted API keys sign no one in to its console unless `breakGlassKeys` is `true`.
public struct IdentityProviderSettings: Sendable, Codable, Equatable {
    /// The provider's issuer URL, exactly as its id tokens state `iss`; discovery is read from
    /// `<issuer>/.well-known/openid-configuration`.
    public var issuer: String
    /// The client id registered at the provider (the id token's audience).
    public var clientId: String
    /// A file holding the client secret (its surrounding whitespace ignored).
    public var clientSecretFile: String
    /// This server's callback, as registered at the provider: `https://<host>/console/oidc/callback`.
    public var redirectURI: String
    /// Where the provider sends the browser after sign-out; the redirect URI's origin (`/`) by default.
    public var postLogoutRedirectURI: String?
    /// The scopes asked for; `openid` is always among them.
    public var scopes: [String]
    /// The id token claim that lists the person's groups.
    public var groupsClaim: String
    /// What each group grants: roles (caseworker, leader, admin) and departments.
    public var groups: [String: GroupGrant]
    /// Whether pasted API keys still sign in to this tenant's console (break-glass); off by default.
    public var breakGlassKeys: Bool

    /// What one group of the provider grants in the console.
    public struct GroupGrant: Sendable, Codable, Equatable {
        /// Role names: `caseworker`, `leader`, `admin`.
        public var roles: [String]
        /// The departments the group's members work in.
        public var departments: [String]

        public init(roles: [String], departments: [String] = []) {
            self.roles = roles
            self.departments = departments
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            roles = try container.decodeIfPresent([String].self, forKey: .roles) ?? []
            departments = try container.decodeIfPresent([String].self, forKey: .departments) ?? []
        }
    }

    public init(
        issuer: String, clientId: String, clientSecretFile: String, redirectURI: String, groups: [String: GroupGrant],
        postLogoutRedirectURI: String? = nil, scopes: [String] = ["openid", "profile", "email"], groupsClaim: String = "groups",
        breakGlassKeys: Bool = false
    ) {
        self.issuer = issuer
        self.clientId = clientId
        self.clientSecretFile = clientSecretFile
        self.redirectURI = redirectURI
        self.groups = groups
        self.postLogoutRedirectURI = postLogoutRedirectURI
        self.scopes = scopes
        self.groupsClaim = groupsClaim
        self.breakGlassKeys = breakGlassKeys
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        issuer = try container.decodeIfPresent(String.self, forKey: .issuer) ?? ""
        clientId = try container.decodeIfPresent(String.self, forKey: .clientId) ?? ""
        clientSecretFile = try container.decodeIfPresent(String.self, forKey: .clientSecretFile) ?? ""
        redirectURI = try container.decodeIfPresent(String.self, forKey: .redirectURI) ?? ""
        postLogoutRedirectURI = try container.decodeIfPresent(String.self, forKey: .postLogoutRedirectURI)
        scopes = try container.decodeIfPresent([String].self, forKey: .scopes) ?? ["openid", "profile", "email"]
        groupsClaim = try container.decodeIfPresent(String.self, forKey: .groupsClaim) ?? "groups"
        groups = try container.decodeIfPresent([String: GroupGrant].self, forKey: .groups) ?? [:]
        breakGlassKeys = try container.decodeIfPresent(Bool.self, forKey: .breakGlassKeys) ?? false
    }

    /// The roles a group may grant in the console.
    static let grantableRoles: [Role] = [.admin, .leader, .caseworker]

    /// Checks every field. - Throws: ``ConfigurationError`` naming the tenant and the key.
    public func validate(tenant: String) throws {
        func fail(_ key: String, _ problem: String) -> ConfigurationError {
            ConfigurationError(message: "tenant \(tenant): identityProvider.\(key) \(problem)")
        }
        guard Self.isAllowedURL(issuer) else {
            throw fail("issuer", "must be an https URL (http only on loopback), such as https://login.kommune.dk")
        }
        guard !clientId.isEmpty, clientId.count <= 256 else { throw fail("clientId", "must be set (at most 256 characters)") }
        guard !clientSecretFile.isEmpty else { throw fail("clientSecretFile", "must name the file that holds the client secret") }
        _ = try clientSecret(tenant: tenant)
        guard Self.isAllowedURL(redirectURI), URL(string: redirectURI)?.path == OIDCRoutes.callbackPath else {
            throw fail("redirectURI", "must be this server's https URL ending in \(OIDCRoutes.callbackPath)")
        }
        if let postLogoutRedirectURI, !Self.isAllowedURL(postLogoutRedirectURI) {
            throw fail("postLogoutRedirectURI", "must be an https URL (http only on loopback)")
        }
        guard scopes.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else { throw fail("scopes", "must be scope names without spaces") }
        guard !groupsClaim.isEmpty else { throw fail("groupsClaim", "must name the id token claim that lists groups") }
        guard !groups.isEmpty else { throw fail("groups", "must map at least one group to a role (caseworker, leader or admin)") }
        for (group, grant) in groups.sorted(by: { $0.key < $1.key }) {
            guard !grant.roles.isEmpty || !grant.departments.isEmpty else { throw fail("groups.\(group)", "grants neither roles nor departments") }
            for role in grant.roles where Role(rawValue: role).map(Self.grantableRoles.contains) != true {
                throw fail("groups.\(group).roles", "holds '\(role)'; a group may grant caseworker, leader or admin")
            }
            for department in grant.departments where department.isEmpty || department.count > 100 {
                throw fail("groups.\(group).departments", "holds an empty or over-long name")
            }
        }
    }

    /// The client secret, read from ``clientSecretFile``. - Throws: ``ConfigurationError`` (never showing the secret).
    func clientSecret(tenant: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: clientSecretFile) else {
            throw ConfigurationError(message: "tenant \(tenant): identityProvider.clientSecretFile: cannot read \(clientSecretFile)")
        }
        let secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty, secret.count <= 1_024 else {
            throw ConfigurationError(message: "tenant \(tenant): identityProvider.clientSecretFile: \(clientSecretFile) is empty or too long")
        }
        return secret
    }

    /// Where the provider sends the browser after sign-out.
    var postLogoutRedirect: String {
        if let postLogoutRedirectURI { return postLogoutRedirectURI }
        guard var parts = URLComponents(string: redirectURI) else { return "/" }
        parts.path = "/"
        parts.query = nil
        return parts.string ?? "/"
    }

    /// Whether `text` is an absolute https URL, or http to a loopback host (tests, a provider on the same host).
    static func isAllowedURL(_ text: String) -> Bool {
        guard text.count <= 2_048, let url = URL(string: text), let host = url.host, !host.isEmpty, url.user == nil else { return false }
        switch url.scheme?.lowercased() {
        case "https": return true
        case "http": return ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        default: return false
        }
    }
}
