import Foundation
import JWTKit
import KlageKernel
import KlageRPC

/// Verifies a provider's id token: its header (an asymmetric `alg`, never `none`; a `kid` the
/// provider's key set holds, or none when the set has one key), its signature (jwt-kit), and its claims: issuer, audience (and `azp`
/// when several), expiry, not-before and issued-at with a small leeway, and the sign-in's nonce.
struct IDTokenVerifier: Sendable {
    /// The issuer the token must state (`iss`).
    let issuer: String
    /// The client id the token must be for (`aud`).
    let clientID: String
    /// How far clocks may disagree, in seconds.
    var leeway: TimeInterval = 60

    /// The signature algorithms accepted: asymmetric only, so no key set entry can be used as an HMAC secret.
    static let algorithms: Set<String> = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]
    /// The longest token read.
    static let maxLength = 16 * 1024

    /// The token's claims once every check passed.
    ///
    /// - Parameters:
    ///   - keys: the provider's keys for a key id, or `nil` for a key it does not hold.
    /// - Throws: ``SignInFailure`` saying which check failed.
    func verify(
        _ token: String, nonce expectedNonce: String, now: Date, keys: (String?) async throws(SignInFailure) -> JWTKeyCollection?
    ) async throws(SignInFailure) -> [String: JSONValue] {
        guard token.utf8.count <= Self.maxLength else { throw .malformedToken }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = Self.object(parts[0]) else { throw .malformedToken }
        guard let algorithm = header["alg"]?.stringValue, Self.algorithms.contains(algorithm) else { throw .algorithmNotAllowed }
        let kid = header["kid"]?.stringValue
        if header["kid"] != nil { guard let kid, !kid.isEmpty, kid.count <= 256 else { throw .unknownKey } }
        guard let collection = try await keys(kid) else { throw .unknownKey }
        do {
            _ = try await collection.verify(token, as: SignedPayload.self)
        } catch {
            throw .badSignature
        }
        guard let claims = Self.object(parts[1]) else { throw .malformedToken }
        try check(claims, nonce: expectedNonce, now: now)
        return claims
    }

    /// The claim checks, on a payload whose signature verified.
    func check(_ claims: [String: JSONValue], nonce expectedNonce: String, now: Date) throws(SignInFailure) {
        guard claims["iss"]?.stringValue == issuer else { throw .wrongIssuer }
        let audiences: [String]
        switch claims["aud"] {
        case .string(let audience): audiences = [audience]
        case .array(let list): audiences = list.compactMap(\.stringValue)
        default: throw .wrongAudience
        }
        guard audiences.contains(clientID) else { throw .wrongAudience }
        if audiences.count > 1, claims["azp"]?.stringValue != clientID { throw .wrongAudience }
        guard let expiry = claims["exp"]?.numberValue, let issuedAt = claims["iat"]?.numberValue else { throw .missingClaim("exp/iat") }
        let seconds = now.timeIntervalSince1970
        guard expiry + leeway > seconds else { throw .expired }
        guard issuedAt - leeway <= seconds else { throw .notYetValid }
        if let notBefore = claims["nbf"] { guard let value = notBefore.numberValue, value - leeway <= seconds else { throw .notYetValid } }
        guard let nonce = claims["nonce"]?.stringValue, ConsoleSessions.equalInConstantTime(nonce, expectedNonce) else { throw .wrongNonce }
        guard let subject = claims["sub"]?.stringValue, !subject.isEmpty, subject.count <= 255 else { throw .missingClaim("sub") }
    }

    /// A base64url JSON object of a token's part, read by the server's strict parser.
    static func object(_ part: Substring) -> [String: JSONValue]? {
        guard let data = base64URLDecoded(part), case .object(let object)? = try? JSONParser(maximumDepth: 16).parse(data) else { return nil }
        return object
    }

    static func base64URLDecoded(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }

    /// What jwt-kit reads of the payload: nothing; the claims are read and checked by ``check(_:nonce:now:)``.
    private struct SignedPayload: JWTPayload {
        init(from decoder: any Decoder) throws {}
        func encode(to encoder: any Encoder) throws {}
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }
}
