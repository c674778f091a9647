import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 address as bytes in network order, read and written with `inet_pton`/`inet_ntop`:
/// the one address type of the server, for client addresses (the per-address limits, trusted proxies)
/// and webhook targets alike.
enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    case v4([UInt8])
    case v6([UInt8])

    /// A literal address (`127.0.0.1`, `::1`), or `nil`.
    init?(literal: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            self = .v4(withUnsafeBytes(of: v4) { Array($0) })
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, literal, &v6) == 1 {
            self = .v6(withUnsafeBytes(of: v6) { Array($0) })
            return
        }
        return nil
    }

    /// A literal address, also in brackets (`[2001:db8::1]`, as in a URL or `X-Forwarded-For`).
    init?(_ text: some StringProtocol) {
        var text = String(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        guard !text.isEmpty, text.utf8.count <= 45 else { return nil }
        self.init(literal: text)
    }

    /// The address as text, as a socket takes it (`192.0.2.1`, `2001:db8::1`, no brackets).
    var text: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch self {
        case .v4(let bytes): _ = bytes.withUnsafeBytes { inet_ntop(AF_INET, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        case .v6(let bytes): _ = bytes.withUnsafeBytes { inet_ntop(AF_INET6, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    var description: String { text }

    /// The same address with an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as the IPv4 address it
    /// is, so one client is one client whichever way its socket reports it.
    var unmapped: IPAddress {
        if case .v6(let b) = self, b[0..<10].allSatisfy({ $0 == 0 }), b[10] == 0xFF, b[11] == 0xFF { return .v4(Array(b[12..<16])) }
        return self
    }

    /// The bytes, 4 or 16.
    var bytes: [UInt8] {
        switch self {
        case .v4(let bytes), .v6(let bytes): bytes
        }
    }

    /// The name a per-client limit counts under: an IPv4 address itself; for IPv6 its /64, the block one
    /// subscriber is usually given, so rotating the low 64 bits does not make a new client.
    var limitKey: String {
        switch unmapped {
        case .v4: return unmapped.text
        case .v6(let b): return IPAddress.v6(Array(b[0..<8]) + Array(repeating: 0, count: 8)).text + "/64"
        }
    }
}
