import AsyncHTTPClient
import Foundation
import KlageKernel
import KlageRPC
import KlageStorage
import NIOCore
import NIOHTTP1

/// The console's sign-in through each tenant's OpenID Connect provider: the authorization code flow
/// with PKCE (S256), `state` and `nonce`, the code exchanged at the token endpoint with the client's
/// secret (HTTP Basic), the id token verified (``IDTokenVerifier``), and the groups mapped to roles.
struct OIDCSignIn: Sendable {
    /// One tenant's provider, as configured and reached.
    struct Provider: Sendable {
        let tenant: TenantID
        let name: String
        let settings: IdentityProviderSettings
        let clientSecret: String
        let client: ProviderClient
        let verifier: IDTokenVerifier
        let mapping: GroupMapping
    }

    let providers: [TenantID: Provider]
    let attempts: SignInAttempts

    /// These providers, their sign-ins under way kept in `attempts`.
    init(providers: [TenantID: Provider], attempts: SignInAttempts) {
        self.providers = providers
        self.attempts = attempts
    }

    /// The providers of the configuration's tenants. - Throws: ``ConfigurationError`` when a secret cannot be read.
    init(configuration: ServerConfiguration, attempts: SignInAttempts) throws {
        var providers: [TenantID: Provider] = [:]
        for tenant in configuration.tenants {
            guard let settings = tenant.identityProvider else { continue }
            providers[TenantID(tenant.id)] = Provider(
                tenant: TenantID(tenant.id), name: tenant.name, settings: settings, clientSecret: try settings.clientSecret(tenant: tenant.id),
                client: ProviderClient(issuer: settings.issuer), verifier: IDTokenVerifier(issuer: settings.issuer, clientID: settings.clientId),
                mapping: GroupMapping(settings))
        }
        self.providers = providers
        self.attempts = attempts
    }

    /// Whether a pasted API key may sign in to `tenant`'s console: always without a provider, else
    /// only when the operator turned break-glass on.
    func keysAllowed(for tenant: TenantID) -> Bool {
        providers[tenant].map(\.settings.breakGlassKeys) ?? true
    }

    /// Starts a sign-in to `tenant`. - Returns: the provider's authorization URL and the browser's binding.
    /// - Throws: ``SignInFailure`` when the provider cannot be reached; storage's errors (busy, unavailable).
    func start(tenant: TenantID) async throws -> (url: String, binding: String)? {
        guard let provider = providers[tenant] else { return nil }
        let metadata = try await provider.client.discovery()
        let started = try await attempts.start(tenant: tenant)
        let scopes = (["openid"] + provider.settings.scopes.filter { $0 != "openid" }).joined(separator: " ")
        let query = Self.form([
            ("response_type", "code"), ("client_id", provider.settings.clientId), ("redirect_uri", provider.settings.redirectURI),
            ("scope", scopes), ("state", started.state), ("nonce", started.nonce), ("code_challenge", started.challenge),
            ("code_challenge_method", "S256"),
        ])
        let separator = metadata.authorizationEndpoint.contains("?") ? "&" : "?"
        return (metadata.authorizationEndpoint + separator + query, started.binding)
    }

    /// Completes the sign-in of `attempt` with the provider's `code`.
    /// - Returns: the person's claims after the group mapping, and the id token (the sign-out's hint).
    func complete(_ attempt: SignInAttempts.Attempt, code: String, now: Date = Date()) async throws(SignInFailure) -> (PersonClaims, String) {
        guard let provider = providers[attempt.tenant] else { throw .providerUnavailable("the tenant has no identity provider") }
        let metadata = try await provider.client.discovery()
        var request = HTTPClientRequest(url: metadata.tokenEndpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        let credentials = Self.formEncoded(provider.settings.clientId) + ":" + Self.formEncoded(provider.clientSecret)
        request.headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
        let body = Self.form([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", provider.settings.redirectURI),
            ("code_verifier", attempt.verifier), ("client_id", provider.settings.clientId),
        ])
        request.body = .bytes(ByteBuffer(string: body))
        let data = try await ProviderClient.send(request)
        guard let answer = try? StrictJSON.decode(TokenAnswer.self, from: data) else {
            throw .providerUnavailable("its token answer holds no id token")
        }
        let claims = try await provider.verifier.verify(answer.idToken, nonce: attempt.nonce, now: now) { kid throws(SignInFailure) in
            try await provider.client.keys(for: kid)
        }
        let (roles, departments) = provider.mapping.grants(of: claims)
        let subject = claims["sub"]?.stringValue ?? ""
        let name = [claims["name"], claims["preferred_username"]].compactMap { $0?.stringValue }.first { !$0.isEmpty } ?? subject
        let email = claims["email"]?.stringValue.flatMap { $0.count <= 254 && $0.contains("@") ? $0 : nil }
        return (
            PersonClaims(
                tenant: attempt.tenant, issuer: provider.settings.issuer, subject: subject, name: String(name.prefix(200)), email: email,
                roles: roles, departments: departments),
            answer.idToken
        )
    }

    /// The provider's sign-out URL for a person's session (RP-initiated logout), when it has one.
    func endSessionURL(tenant: TenantID, idTokenHint: String?) async -> String? {
        guard let provider = providers[tenant], let endpoint = try? await provider.client.discovery().endSessionEndpoint else { return nil }
        var parameters = [("client_id", provider.settings.clientId), ("post_logout_redirect_uri", provider.settings.postLogoutRedirect)]
        if let idTokenHint { parameters.insert(("id_token_hint", idTokenHint), at: 0) }
        return endpoint + (endpoint.contains("?") ? "&" : "?") + Self.form(parameters)
    }

    /// The token endpoint's answer: only the id token is used.
    private struct TokenAnswer: Decodable {
        let idToken: String
        enum CodingKeys: String, CodingKey { case idToken = "id_token" }
    }

    /// `application/x-www-form-urlencoded` pairs.
    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { formEncoded($0.0) + "=" + formEncoded($0.1) }.joined(separator: "&")
    }

    /// A value percent-encoded but for the unreserved characters (RFC 3986).
    static func formEncoded(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
