import Foundation

/// The parts of a provider's discovery document (`/.well-known/openid-configuration`) the sign-in uses.
struct ProviderMetadata: Sendable, Decodable, Equatable {
    let issuer: String
    let authorizationEndpoint: String
    let tokenEndpoint: String
    let jwksURI: String
    let endSessionEndpoint: String?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case endSessionEndpoint = "end_session_endpoint"
    }

    /// Whether the document is the configured issuer's and every endpoint is one the server may call.
    func isUsable(forIssuer expected: String) -> Bool {
        issuer == expected
            && [authorizationEndpoint, tokenEndpoint, jwksURI].allSatisfy(IdentityProviderSettings.isAllowedURL)
            && (endSessionEndpoint.map(IdentityProviderSettings.isAllowedURL) ?? true)
    }
}

/// Why a sign-in through a provider failed: each case a short, safe reason (no token, no personal data).
enum SignInFailure: Error, Equatable, CustomStringConvertible {
    /// The provider could not be reached, or answered what the server cannot use.
    case providerUnavailable(String)
    /// The id token is malformed.
    case malformedToken
    /// The id token's `alg` is `none` or not an asymmetric signature algorithm.
    case algorithmNotAllowed
    /// The id token names a key the provider's key set does not hold.
    case unknownKey
    /// The signature does not verify.
    case badSignature
    case wrongIssuer
    case wrongAudience
    case wrongNonce
    case expired
    /// `nbf` or `iat` lies in the future.
    case notYetValid
    /// A claim the sign-in needs is missing or malformed.
    case missingClaim(String)

    var description: String {
        switch self {
        case .providerUnavailable(let reason): "identity provider unavailable: \(reason)"
        case .malformedToken: "malformed id token"
        case .algorithmNotAllowed: "id token algorithm not allowed"
        case .unknownKey: "id token signed with an unknown key"
        case .badSignature: "id token signature does not verify"
        case .wrongIssuer: "id token from another issuer"
        case .wrongAudience: "id token for another client"
        case .wrongNonce: "id token nonce does not match"
        case .expired: "id token expired"
        case .notYetValid: "id token not yet valid"
        case .missingClaim(let name): "id token lacks claim \(name)"
        }
    }
}
