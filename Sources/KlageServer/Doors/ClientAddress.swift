import Foundation

/// Who sent a request, for the per-address limits: the connection's peer, or, when the peer is one of
/// the operator's trusted proxies, the last address in `X-Forwarded-For` that is not a trusted proxy.
///
/// Each proxy appends the address it received the request from, so reading from the right and skipping
/// trusted hops finds the first address no trusted party vouches for; whatever a client writes to the
/// left of it is ignored. Without trusted proxies the header is ignored entirely, so a client cannot
/// choose its own address. IPv6 clients count per /64 (``IPAddress/limitKey``).
///
/// ```swift
/// let resolver = ClientAddress(trusted: [IPBlock("10.0.0.0/8")!])
/// resolver.client(peer: "10.0.0.5", forwardedFor: ["198.51.100.7, 10.0.0.9"])  // "198.51.100.7"
/// ```
struct ClientAddress: Sendable {
    /// The proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
    let trusted: [IPBlock]

    /// Whether `peer` is a trusted proxy.
    func isTrusted(_ peer: IPAddress?) -> Bool {
        guard let peer else { return false }
        return trusted.contains { $0.contains(peer) }
    }

    /// The limit key of the request's client.
    ///
    /// - Parameters:
    ///   - peer: the connection's remote address as text, or `nil` when unknown (a Unix socket).
    ///   - forwardedFor: every `X-Forwarded-For` field value, in the order received.
    func client(peer: String?, forwardedFor: [String]) -> String {
        guard let peerAddress = peer.flatMap({ IPAddress($0) }) else { return peer ?? "unknown" }
        guard isTrusted(peerAddress) else { return peerAddress.limitKey }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { Self.address(in: $0) }
        var client = peerAddress
        for hop in hops.reversed() {
            guard let hop else { break }  // a proxy that writes garbage: stop at the last hop known
            client = hop
            if !isTrusted(hop) { break }
        }
        return client.limitKey
    }

    /// The address in one `X-Forwarded-For` entry: `198.51.100.7`, `198.51.100.7:4711`, `[2001:db8::1]:4711`.
    private static func address(in entry: Substring) -> IPAddress? {
        let entry = entry.trimmingCharacters(in: .whitespaces)
        if let direct = IPAddress(entry) { return direct }
        if entry.hasPrefix("["), let close = entry.firstIndex(of: "]") { return IPAddress(entry[entry.index(after: entry.startIndex)..<close]) }
        if entry.filter({ $0 == ":" }).count == 1, let colon = entry.firstIndex(of: ":") { return IPAddress(entry[..<colon]) }
        return nil
    }
}
