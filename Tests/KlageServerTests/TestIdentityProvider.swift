import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A small OpenID Connect provider on loopback for the Swift tests: discovery, a key set of P-256 keys
/// it makes (ES256), an authorization endpoint that signs in ``user`` at once, a token endpoint, and
/// an end-session endpoint. It counts the key set's fetches, and signs any token a test asks for.
final class TestIdentityProvider: Sendable {
    /// A signing key and its id.
    struct Key: Sendable {
        let kid: String
        let key: P256.Signing.PrivateKey
    }

    private struct State {
        var published: [Key]
        var signing: Key
        var user: [String: String] = ["sub": "sub-anna", "name": "Anna Jensen", "email": "anna@example.dk"]
        var groups: [String] = ["klage-sagsbehandlere"]
        var codes: [String: (nonce: String, clientID: String)] = [:]
        var keySetFetches = 0
        var discoveryFetches = 0
        var discoveryFails = false
        var tokenRequests: [String] = []
    }

    let issuer: String
    private let state: Mutex<State>

    init(issuer: String) {
        self.issuer = issuer
        let first = Key(kid: "key-1", key: P256.Signing.PrivateKey())
        state = Mutex(State(published: [first], signing: first))
    }

    /// How many times the discovery document was asked for.
    var discoveryFetches: Int { state.withLock { $0.discoveryFetches } }
    /// Whether the discovery document is answered with 503.
    var discoveryFails: Bool {
        get { state.withLock { $0.discoveryFails } }
        set { state.withLock { $0.discoveryFails = newValue } }
    }

    /// How many times the key set was fetched.
    var keySetFetches: Int { state.withLock { $0.keySetFetches } }
    /// The bodies of the token requests (form-encoded).
    var tokenRequests: [String] { state.withLock { $0.tokenRequests } }
    /// The key tokens are signed with, published in the key set.
    var signingKey: Key { state.withLock { $0.signing } }

    /// The person the authorization endpoint signs in next, and their groups.
    func signInNext(subject: String, name: String, groups: [String]) {
        state.withLock {
            $0.user = ["sub": subject, "name": name, "email": "\(subject)@example.dk"]
            $0.groups = groups
        }
    }

    /// Publishes a new key and signs with it from now on (the old one stays published unless `dropOld`).
    @discardableResult
    func rotate(kid: String, dropOld: Bool = false) -> Key {
        let key = Key(kid: kid, key: P256.Signing.PrivateKey())
        state.withLock {
            $0.published = (dropOld ? [] : $0.published) + [key]
            $0.signing = key
        }
        return key
    }

    /// A compact JWS of `claims` with `header`, signed with `key` (ES256, raw r‖s).
    static func token(header: [String: String], claims: [String: Any], key: P256.Signing.PrivateKey) throws -> String {
        let head = base64URL(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
        let body = base64URL(try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]))
        let signature = try key.signature(for: Data((head + "." + body).utf8)).rawRepresentation
        return head + "." + body + "." + base64URL(signature)
    }

    /// A token signed with the current key and its id.
    func token(claims: [String: Any]) throws -> String {
        let key = signingKey
        return try Self.token(header: ["alg": "ES256", "kid": key.kid, "typ": "JWT"], claims: claims, key: key.key)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    fileprivate func discovery() -> Response {
        let fails = state.withLock { state -> Bool in
            state.discoveryFetches += 1
            return state.discoveryFails
        }
        if fails { return Response(status: .serviceUnavailable) }
        return json([
            "issuer": issuer, "authorization_endpoint": issuer + "/authorize", "token_endpoint": issuer + "/token",
            "jwks_uri": issuer + "/jwks", "end_session_endpoint": issuer + "/end_session",
        ])
    }

    fileprivate func jwks() -> Response {
        let keys = state.withLock { state -> [Key] in
            state.keySetFetches += 1
            return state.published
        }
        let entries = keys.map { key -> [String: String] in
            let raw = key.key.publicKey.rawRepresentation
            return [
                "kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": key.kid, "x": Self.base64URL(raw.prefix(32)),
                "y": Self.base64URL(raw.suffix(32)),
            ]
        }
        return json(["keys": entries])
    }

    fileprivate func authorize(_ request: Request) -> Response {
        let query = request.uri.queryParameters
        guard let redirect = query.get("redirect_uri"), let state = query.get("state"), let nonce = query.get("nonce"),
            let client = query.get("client_id"), query.get("code_challenge_method") == "S256", query.get("code_challenge") != nil
        else { return Response(status: .badRequest) }
        let code = UUID().uuidString
        self.state.withLock { $0.codes[code] = (nonce, client) }
        let location = redirect + "?code=\(code)&state=\(state)"
        return Response(status: .found, headers: [.location: location])
    }

    fileprivate func issue(_ request: Request) async -> Response {
        let body = (try? await request.body.collect(upTo: 64 * 1024)).map { String(buffer: $0) } ?? ""
        let form = Dictionary(
            body.split(separator: "&").compactMap { pair -> (String, String)? in
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
                return parts.count == 2 ? (parts[0], parts[1]) : nil
            }, uniquingKeysWith: { first, _ in first })
        let found = state.withLock { state -> (nonce: String, clientID: String, user: [String: String], groups: [String])? in
            state.tokenRequests.append(body)
            guard let code = form["code"], let entry = state.codes.removeValue(forKey: code) else { return nil }
            return (entry.nonce, entry.clientID, state.user, state.groups)
        }
        guard let found, request.headers[.authorization]?.hasPrefix("Basic ") == true else { return Response(status: .badRequest) }
        let now = Int(Date().timeIntervalSince1970)
        var claims: [String: Any] = [
            "iss": issuer, "aud": found.clientID, "iat": now, "exp": now + 300, "nonce": found.nonce, "groups": found.groups,
        ]
        for (name, value) in found.user { claims[name] = value }
        guard let token = try? token(claims: claims) else { return Response(status: .internalServerError) }
        return json(["id_token": token, "access_token": "opaque", "token_type": "Bearer"])
    }

    private func json(_ value: Any) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: value)) ?? Data()
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Runs `body` with a ``TestIdentityProvider`` listening on `http://127.0.0.1:PORT`, then stops it.
func withTestIdentityProvider<T: Sendable>(_ body: @Sendable (TestIdentityProvider) async throws -> T) async throws -> T {
    let router = Router()
    let holder = Mutex<TestIdentityProvider?>(nil)
    let provider = { @Sendable in holder.withLock { $0! } }
    router.get(".well-known/openid-configuration") { _, _ in provider().discovery() }
    router.get("jwks") { _, _ in provider().jwks() }
    router.get("authorize") { request, _ in provider().authorize(request) }
    router.post("token") { request, _ in await provider().issue(request) }
    router.get("end_session") { _, _ in Response(status: .ok) }
    return try await withLoopbackServer(router, label: "test-identity-provider") { port in
        let made = TestIdentityProvider(issuer: "http://127.0.0.1:\(port)")
        holder.withLock { $0 = made }
        return try await body(made)
    }
}
