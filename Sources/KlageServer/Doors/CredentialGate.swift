import Crypto
import Foundation
import KlageKernel
import Synchronization

/// A per-address budget of failed credentials, asked before any key, session cookie or tenant name
/// that is not known to be good is looked up in the database.
///
/// Each lookup that finds nothing (an unknown or revoked key, an unknown cookie) takes a token from the
/// client address's bucket; an address whose bucket is empty is refused from memory, without a query,
/// until it refills. A valid caller never pays, so a client that guesses keys stops costing the shared
/// database anything after its burst. Off when ``ServerLimits/failedCredentialsPerSecond`` is 0.
///
/// ```swift
/// guard gate.mayLookUp(for: address) else { return tooManyFailures }
/// if try await sessions.session(token: token) == nil { gate.failed(for: address) }
/// ```
final class CredentialGate: Sendable {
    /// The most credentials remembered as found valid; past it the memory starts again.
    static let rememberedLimit = 100_000

    private let buckets: TokenBuckets?
    private let knownGood = Mutex<Set<String>>([])

    init(limits: ServerLimits) {
        buckets =
            limits.failedCredentialsPerSecond > 0
            ? TokenBuckets(rate: limits.failedCredentialsPerSecond, burst: limits.failedCredentialsBurst, capacity: limits.maxTrackedClients)
            : nil
    }

    /// Whether `credential` (a bearer key or a session token) from `address` may be looked up now: one
    /// found valid before always may; another only while the address has budget left.
    func mayLookUp(_ credential: String, for address: String) -> Bool {
        guard let buckets else { return true }
        return buckets.holds(1, for: address) || knownGood.withLock { $0.contains(Self.digest(credential)) }
    }

    /// Remembers `credential` as found valid.
    func succeeded(_ credential: String) {
        guard buckets != nil else { return }
        let digest = Self.digest(credential)
        knownGood.withLock { known in
            if known.count >= Self.rememberedLimit { known.removeAll(keepingCapacity: true) }
            known.insert(digest)
        }
    }

    private static func digest(_ credential: String) -> String {
        Hex.string(SHA256.hash(data: Data(credential.utf8)))
    }

    /// Counts a failed lookup against `address`.
    func failed(for address: String) {
        _ = buckets?.take(1, for: address)
    }

    /// The seconds until `address` may try again (at least 1).
    func retryAfter(for address: String) -> Int {
        guard let buckets else { return 1 }
        return max(1, Int((1 / buckets.rate).rounded(.up)))
    }
}
