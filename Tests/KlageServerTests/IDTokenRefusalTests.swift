import Crypto
import Foundation
import KlageKernel
import Synchronization
import Testing

@testable import KlageServer

/// Every check of an id token, each on a token that passes all the others: a token that would be
/// accepted without that check is refused with its reason. The keys are made here and served as a
/// JWKS by a provider on loopback (``TestIdentityProvider``).
@Suite struct IDTokenRefusalTests {
    static let clientID = "klage"
    static let nonce = "n-0S6_WzA2Mj"

    /// Claims that pass every check at `now`.
    static func good(_ issuer: String, now: Date = Date()) -> [String: Any] {
        let seconds = Int(now.timeIntervalSince1970)
        return ["iss": issuer, "sub": "sub-anna", "aud": clientID, "exp": seconds + 300, "iat": seconds, "nonce": nonce]
    }

    /// Verifies `token` as the sign-in does, against `provider`'s keys through `client`.
    static func verify(_ token: String, _ provider: TestIdentityProvider, client: ProviderClient? = nil, now: Date = Date()) async -> SignInFailure? {
        let client = client ?? ProviderClient(issuer: provider.issuer)
        let verifier = IDTokenVerifier(issuer: provider.issuer, clientID: clientID)
        do {
            _ = try await verifier.verify(token, nonce: nonce, now: now) { kid throws(SignInFailure) in try await client.keys(for: kid) }
            return nil
        } catch {
            return error
        }
    }

    /// `good` claims changed by `change`, signed with the provider's key.
    static func signed(_ provider: TestIdentityProvider, _ change: (inout [String: Any]) -> Void = { _ in }) throws -> String {
        var claims = good(provider.issuer)
        change(&claims)
        return try provider.token(claims: claims)
    }

    /// Expects `good` claims changed by `change`, signed with the provider's key, to be refused with `expected` (`nil`: accepted).
    static func expect(
        _ provider: TestIdentityProvider, _ expected: SignInFailure?, sourceLocation: SourceLocation = #_sourceLocation,
        _ change: (inout [String: Any]) -> Void = { _ in }
    ) async throws {
        let outcome = await verify(try signed(provider, change), provider)
        #expect(outcome == expected, sourceLocation: sourceLocation)
    }

    @Test func aGoodTokenIsAccepted() async throws {
        try await withTestIdentityProvider { provider in
            try await Self.expect(provider, nil)
            // Within the leeway: expired 30 s ago, issued 30 s ahead.
            let now = Int(Date().timeIntervalSince1970)
            try await Self.expect(provider, nil) {
                $0["exp"] = now - 30
                $0["iat"] = now + 30
                $0["nbf"] = now + 30
            }
            // Several audiences, ours among them, with us as the authorised party.
            try await Self.expect(provider, nil) {
                $0["aud"] = ["other", Self.clientID]
                $0["azp"] = Self.clientID
            }
        }
    }

    @Test func aWrongIssuerIsRefused() async throws {
        try await withTestIdentityProvider { provider in
            try await Self.expect(provider, .wrongIssuer) { $0["iss"] = "https://evil.example" }
            try await Self.expect(provider, .wrongIssuer) { $0["iss"] = provider.issuer + "/" }
        }
    }

    @Test func aWrongAudienceIsRefused() async throws {
        try await withTestIdentityProvider { provider in
            try await Self.expect(provider, .wrongAudience) { $0["aud"] = "another-client" }
            try await Self.expect(provider, .wrongAudience) { $0["aud"] = ["another-client"] }
            try await Self.expect(provider, .wrongAudience) { $0["aud"] = ["another-client", Self.clientID] }
            try await Self.expect(provider, .wrongAudience) { $0["aud"] = nil }
        }
    }

    @Test func aWrongOrMissingNonceIsRefused() async throws {
        try await withTestIdentityProvider { provider in
            try await Self.expect(provider, .wrongNonce) { $0["nonce"] = "another-nonce" }
            try await Self.expect(provider, .wrongNonce) { $0["nonce"] = nil }
        }
    }

    @Test func anExpiredTokenIsRefused() async throws {
        try await withTestIdentityProvider { provider in
            let now = Int(Date().timeIntervalSince1970)
            try await Self.expect(provider, .expired) {
                $0["exp"] = now - 120
                $0["iat"] = now - 600
            }
            try await Self.expect(provider, .missingClaim("exp/iat")) { $0["exp"] = nil }
        }
    }

    @Test func aTokenIssuedInTheFutureIsRefused() async throws {
        try await withTestIdentityProvider { provider in
            let now = Int(Date().timeIntervalSince1970)
            try await Self.expect(provider, .notYetValid) { $0["nbf"] = now + 600 }
            try await Self.expect(provider, .notYetValid) {
                $0["iat"] = now + 600
                $0["exp"] = now + 900
            }
        }
    }

    @Test func algNoneIsRefused() async throws {
        try await withTestIdentityProvider { provider in
            let kid = provider.signingKey.kid
            for alg in ["none", "None", "HS256"] {
                let header = TestIdentityProvider.base64URL(try JSONSerialization.data(withJSONObject: ["alg": alg, "kid": kid]))
                let body = TestIdentityProvider.base64URL(try JSONSerialization.data(withJSONObject: Self.good(provider.issuer)))
                #expect(await Self.verify(header + "." + body + ".", provider) == .algorithmNotAllowed)
            }
            // The same claims, signed, pass: only the algorithm was wrong.
            try await Self.expect(provider, nil)
        }
    }

    @Test func aBadSignatureIsRefused() async throws {
        try await withTestIdentityProvider { provider in
            // Signed by a key the provider never published, under the published key's id.
            let forged = try TestIdentityProvider.token(
                header: ["alg": "ES256", "kid": provider.signingKey.kid], claims: Self.good(provider.issuer), key: P256.Signing.PrivateKey())
            #expect(await Self.verify(forged, provider) == .badSignature)
            // A good token whose claims were changed after signing.
            let parts = try Self.signed(provider).split(separator: ".").map(String.init)
            var claims = Self.good(provider.issuer)
            claims["sub"] = "sub-admin"
            let changed = TestIdentityProvider.base64URL(try JSONSerialization.data(withJSONObject: claims))
            #expect(await Self.verify(parts[0] + "." + changed + "." + parts[2], provider) == .badSignature)
        }
    }

    @Test func anUnknownKeyIsRefusedAndRefetchesAreRateLimited() async throws {
        try await withTestIdentityProvider { provider in
            let clock = Mutex(Date())
            let client = ProviderClient(issuer: provider.issuer, refetchInterval: 60, now: { clock.withLock { $0 } })
            #expect(try await Self.verify(Self.signed(provider), provider, client: client) == nil)
            #expect(provider.keySetFetches == 1)
            // An attacker's made-up key ids: refused, and the key set fetched again at most once a minute.
            for index in 0..<20 {
                let made = try TestIdentityProvider.token(
                    header: ["alg": "ES256", "kid": "random-\(index)"], claims: Self.good(provider.issuer), key: P256.Signing.PrivateKey())
                #expect(await Self.verify(made, provider, client: client) == .unknownKey)
            }
            #expect(provider.keySetFetches == 1)

            // The provider rotates its key: a token with the new key id is refused until a refetch is
            // allowed, then the new key set is fetched once and the token accepted.
            provider.rotate(kid: "key-2", dropOld: true)
            let rotated = try Self.signed(provider)
            #expect(await Self.verify(rotated, provider, client: client) == .unknownKey)
            #expect(provider.keySetFetches == 1)
            clock.withLock { $0 = $0.addingTimeInterval(61) }
            #expect(await Self.verify(rotated, provider, client: client) == nil)
            #expect(provider.keySetFetches == 2)
            #expect(await Self.verify(rotated, provider, client: client) == nil)
            #expect(provider.keySetFetches == 2)
        }
    }

    @Test func aTokenWithoutKeyIDIsVerifiedOnlyAgainstASetOfOneKey() async throws {
        try await withTestIdentityProvider { provider in
            let single = try TestIdentityProvider.token(header: ["alg": "ES256"], claims: Self.good(provider.issuer), key: provider.signingKey.key)
            #expect(await Self.verify(single, provider) == nil)
            provider.rotate(kid: "key-2")
            let two = try TestIdentityProvider.token(header: ["alg": "ES256"], claims: Self.good(provider.issuer), key: provider.signingKey.key)
            #expect(await Self.verify(two, provider) == .unknownKey)
        }
    }

    @Test func discoveryIsCachedAndAFailureIsNotRepeatedAtOnce() async throws {
        try await withTestIdentityProvider { provider in
            let clock = Mutex(Date())
            let client = ProviderClient(issuer: provider.issuer, now: { clock.withLock { $0 } })
            provider.discoveryFails = true
            for _ in 0..<5 {
                await #expect(throws: SignInFailure.self) { try await client.discovery() }
            }
            #expect(provider.discoveryFetches == 1)
            provider.discoveryFails = false
            clock.withLock { $0 = $0.addingTimeInterval(11) }
            for _ in 0..<5 { _ = try await client.discovery() }
            #expect(provider.discoveryFetches == 2)
            clock.withLock { $0 = $0.addingTimeInterval(3_601) }
            _ = try await client.discovery()
            #expect(provider.discoveryFetches == 3)
        }
    }

    @Test func malformedTokensAreRefused() async throws {
        try await withTestIdentityProvider { provider in
            for token in ["", "a.b", "a.b.c.d", "!!!.e30.", String(repeating: "a", count: 20_000)] {
                #expect(await Self.verify(token, provider) == .malformedToken)
            }
        }
    }

    @Test func pkceChallengeIsS256OfTheVerifier() {
        // RFC 7636, appendix B.
        #expect(SignInAttempts.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }
}
