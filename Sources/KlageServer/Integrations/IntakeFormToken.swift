import Crypto
import Foundation
import KlageKernel

/// The signed, time-limited token in the intake form: `ISSUED.MAC`, where MAC is the HMAC-SHA256 of the
/// tenant, the issue time and the client's address (its limit key) under the host's secret. A form
/// posted without a token this host issued for this tenant and this client in the last ``lifetime`` is
/// refused, so another web site cannot file complaints from its visitors' browsers: it cannot read the
/// token out of our page in their browser, and a token it fetches itself names its own address. A
/// citizen whose address changes between the page and the post is asked to fetch the form again.
///
/// Every instance behind one address must share the secret (``IntegrationSettings/intakeFormSecretFile``);
/// without one, each process makes its own at start, and a form is good only on the instance that served it.
struct IntakeFormToken: Sendable {
    /// How long a form stays good: long enough to write a complaint slowly.
    static let lifetime: TimeInterval = 4 * 3600
    /// Clock skew allowed between instances.
    static let skew: TimeInterval = 60

    /// The secret's SHA-256, the HMAC key (kept as bytes: `SymmetricKey` is not `Sendable`).
    private let key: Data

    init(secret: Data) {
        key = Data(SHA256.hash(data: secret))
    }

    /// A secret of 32 random bytes, for a host without a configured one.
    static func randomSecret() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// A token for `tenant`'s form, served to `client` at `now`.
    func issue(tenant: TenantID, client: String, at now: Date = Date()) -> String {
        let issued = Int(now.timeIntervalSince1970)
        return "\(issued).\(mac(tenant: tenant, client: client, issued: issued))"
    }

    /// Whether `token` was issued by this host for `tenant` and `client` within ``lifetime`` before `now`.
    func verify(_ token: String, tenant: TenantID, client: String, at now: Date = Date()) -> Bool {
        let parts = token.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, parts[0].utf8.count <= 12, let issued = Int(parts[0]) else { return false }
        let age = now.timeIntervalSince1970 - Double(issued)
        guard age >= -Self.skew, age <= Self.lifetime else { return false }
        let expected = Array(mac(tenant: tenant, client: client, issued: issued).utf8)
        let given = Array(parts[1].utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func mac(tenant: TenantID, client: String, issued: Int) -> String {
        let message = Data("klage-intake|\(tenant.rawValue)|\(issued)|\(client)".utf8)
        return Hex.string(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
