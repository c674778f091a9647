import AsyncHTTPClient
import Foundation
import JWTKit
import KlageRPC
import NIOCore
import NIOHTTP1

/// One tenant's identity provider as the server reaches it: the discovery document and the key set
/// (JWKS), fetched with the shared HTTP client and cached.
///
/// The discovery document is kept for ``metadataLifetime``. The key set is fetched again when a token
/// names a key it does not hold (the provider rotated its keys), but at most once per
/// ``refetchInterval``: tokens with made-up key ids cannot make the server hammer the provider.
actor ProviderClient {
    let issuer: String
    let metadataLifetime: TimeInterval
    let refetchInterval: TimeInterval
    private let now: @Sendable () -> Date
    private var metadata: (value: ProviderMetadata, fetchedAt: Date)?
    private var keySet: (keys: JWTKeyCollection, ids: Set<String>)?
    private var keysFetchedAt: Date?
    private var discoveryFailedAt: Date?
    /// How long a failed discovery fetch is not repeated.
    let retryAfterFailure: TimeInterval = 10
    /// How many times the key set was fetched (the tests' count of calls to the provider).
    private(set) var keySetFetches = 0

    /// The largest document read from a provider.
    static let maxDocumentBytes = 256 * 1024
    static let timeout = TimeAmount.seconds(10)

    init(issuer: String, metadataLifetime: TimeInterval = 3600, refetchInterval: TimeInterval = 60, now: @escaping @Sendable () -> Date = Date.init) {
        self.issuer = issuer
        self.metadataLifetime = metadataLifetime
        self.refetchInterval = refetchInterval
        self.now = now
    }

    /// The discovery document, fetched when not cached or older than ``metadataLifetime``; after a
    /// failed fetch, not asked for again for ``retryAfterFailure`` (each sign-in start would ask).
    func discovery() async throws(SignInFailure) -> ProviderMetadata {
        if let metadata, now().timeIntervalSince(metadata.fetchedAt) < metadataLifetime { return metadata.value }
        if let discoveryFailedAt, now().timeIntervalSince(discoveryFailedAt) < retryAfterFailure {
            throw .providerUnavailable("unreachable a moment ago")
        }
        let url = issuer.hasSuffix("/") ? issuer + ".well-known/openid-configuration" : issuer + "/.well-known/openid-configuration"
        do throws(SignInFailure) {
            let data = try await Self.get(url)
            guard let document = try? StrictJSON.decode(ProviderMetadata.self, from: data), document.isUsable(forIssuer: issuer) else {
                throw .providerUnavailable("its discovery document is not usable for issuer \(issuer)")
            }
            metadata = (document, now())
            discoveryFailedAt = nil
            return document
        } catch {
            discoveryFailedAt = now()
            throw error
        }
    }

    /// The keys to verify a token signed with key `kid`: the cached set when it holds `kid`, else a
    /// fresh set when the last fetch is older than ``refetchInterval``. A token without a key id is
    /// verified only against a set of exactly one key (OpenID Connect Core 10.1). - Returns: `nil` for an unknown key.
    func keys(for kid: String?) async throws(SignInFailure) -> JWTKeyCollection? {
        if let keySet, Self.holds(keySet.ids, kid) { return keySet.keys }
        if let keysFetchedAt, now().timeIntervalSince(keysFetchedAt) < refetchInterval { return nil }
        keysFetchedAt = now()
        keySetFetches += 1
        let data = try await Self.get(try await discovery().jwksURI)
        guard let jwks = try? StrictJSON.decode(JWKS.self, from: data) else { throw .providerUnavailable("its key set is not a JWKS") }
        let collection = JWTKeyCollection()
        var ids: Set<String> = []
        for key in jwks.keys {
            // Keys without an id, or of a kind jwt-kit cannot verify with, are left out.
            guard let id = key.keyIdentifier?.string, (try? await collection.add(jwk: key)) != nil else { continue }
            ids.insert(id)
        }
        keySet = (collection, ids)
        return Self.holds(ids, kid) ? collection : nil
    }

    /// Whether a set of `ids` verifies a token of key `kid`; without one, only a set of one key does.
    private static func holds(_ ids: Set<String>, _ kid: String?) -> Bool {
        kid.map(ids.contains) ?? (ids.count == 1)
    }

    /// GETs `url`, its body at most ``maxDocumentBytes``.
    static func get(_ url: String) async throws(SignInFailure) -> Data {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        return try await send(request)
    }

    /// Sends `request` with the shared client: the body of a 200 answer, or a safe failure (no body, no URL query).
    static func send(_ request: HTTPClientRequest) async throws(SignInFailure) -> Data {
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: maxDocumentBytes)
            guard response.status == .ok else { throw SignInFailure.providerUnavailable("HTTP \(response.status.code)") }
            return Data(body.readableBytesView)
        } catch let failure as SignInFailure {
            throw failure
        } catch {
            throw .providerUnavailable("connection failed")
        }
    }
}
