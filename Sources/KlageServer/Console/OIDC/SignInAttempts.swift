import Crypto
import Foundation
import KlageKernel
import Synchronization

/// The sign-ins under way: what the callback needs of each (tenant, nonce, PKCE verifier), found by
/// its `state`, bound to the browser that started it by a cookie, good for ``lifetime`` and used once.
///
/// Kept in this process's memory, bounded by ``capacity`` (the oldest attempt gives way): a callback
/// must reach the instance the sign-in started on (sticky sessions, or one instance).
final class SignInAttempts: Sendable {
    /// One sign-in under way.
    struct Attempt: Sendable, Equatable {
        let tenant: TenantID
        let nonce: String
        let verifier: String
        /// The SHA-256 of the browser's binding cookie.
        let bindingHash: String
        let expiresAt: Date
    }

    /// What a new attempt hands the browser and the provider.
    struct Started: Sendable {
        let state: String
        let nonce: String
        let challenge: String
        /// The value of the browser's binding cookie.
        let binding: String
    }

    let lifetime: TimeInterval
    let capacity: Int
    private let attempts = Mutex<[String: Attempt]>([:])

    init(lifetime: TimeInterval = 600, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Starts an attempt for `tenant`: fresh state, nonce, PKCE verifier and binding.
    func start(tenant: TenantID, now: Date = Date()) -> Started {
        let (state, nonce, verifier, binding) = (SecretToken.make(), SecretToken.make(), SecretToken.make(), SecretToken.make())
        let attempt = Attempt(
            tenant: tenant, nonce: nonce, verifier: verifier, bindingHash: Self.hash(binding), expiresAt: now.addingTimeInterval(lifetime))
        attempts.withLock { attempts in
            if attempts.count >= capacity { attempts = attempts.filter { $0.value.expiresAt > now } }
            if attempts.count >= capacity, let oldest = attempts.min(by: { $0.value.expiresAt < $1.value.expiresAt })?.key {
                attempts.removeValue(forKey: oldest)
            }
            attempts[state] = attempt
        }
        return Started(state: state, nonce: nonce, challenge: Self.challenge(for: verifier), binding: binding)
    }

    /// Takes the attempt of `state` (it is gone after, whatever the outcome): `nil` when unknown,
    /// expired, or started by another browser (`binding` is not its cookie).
    func take(state: String, binding: String?, now: Date = Date()) -> Attempt? {
        guard let attempt = attempts.withLock({ $0.removeValue(forKey: state) }), attempt.expiresAt > now, let binding,
            ConsoleSessions.equalInConstantTime(Self.hash(binding), attempt.bindingHash)
        else { return nil }
        return attempt
    }

    /// How many attempts are kept.
    var count: Int { attempts.withLock { $0.count } }

    /// The PKCE S256 challenge of `verifier` (RFC 7636): base64url of its SHA-256, without padding.
    static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static func hash(_ value: String) -> String { Hex.string(SHA256.hash(data: Data(value.utf8))) }
}
