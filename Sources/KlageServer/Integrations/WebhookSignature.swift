import Crypto
public import Foundation

/// Signs and checks webhook deliveries in the manner of the Standard Webhooks specification.
///
/// The signed content is `"{webhook-id}.{webhook-timestamp}.{body}"`; the key is the secret's bytes
/// after `whsec_` (base64). The `webhook-signature` header is `v1,` and the base64 HMAC-SHA256; it
/// may hold several space-separated signatures, any one of which may match.
///
/// ```swift
/// let ok = WebhookSignature.verify(
///     id: headers["webhook-id"], timestamp: headers["webhook-timestamp"], body: body,
///     signatures: headers["webhook-signature"], secret: secret, now: Date())
/// ```
public enum WebhookSignature {
    /// The most a timestamp may differ from the receiver's clock: older deliveries are replays.
    public static let tolerance: TimeInterval = 300

    /// The `webhook-signature` value for a delivery.
    public static func sign(id: String, timestamp: Int, body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: signedContent(id: id, timestamp: timestamp, body: body), using: key(secret))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// Whether a delivery is genuine and fresh: one of `signatures` matches (compared in constant
    /// time) and `timestamp` is within ``tolerance`` of `now`. A receiver also remembers the ids it
    /// has taken, to turn away a replay inside the tolerance and a retried delivery alike.
    public static func verify(id: String?, timestamp: String?, body: Data, signatures: String?, secret: String, now: Date) -> Bool {
        guard let id, let timestamp, let seconds = Int(timestamp), let signatures else { return false }
        guard abs(now.timeIntervalSince1970 - TimeInterval(seconds)) <= tolerance else { return false }
        let content = signedContent(id: id, timestamp: seconds, body: body)
        let key = key(secret)
        for candidate in signatures.split(separator: " ") where candidate.hasPrefix("v1,") {
            guard let mac = Data(base64Encoded: String(candidate.dropFirst(3))) else { continue }
            if HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: content, using: key) { return true }
        }
        return false
    }

    private static func signedContent(id: String, timestamp: Int, body: Data) -> Data {
        Data("\(id).\(timestamp).".utf8) + body
    }

    private static func key(_ secret: String) -> SymmetricKey {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        return SymmetricKey(data: Data(base64Encoded: encoded) ?? Data(secret.utf8))
    }
}
