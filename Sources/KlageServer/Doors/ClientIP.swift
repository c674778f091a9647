import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 address as its bytes, read with `inet_pton` (an IPv4-mapped IPv6 address reads as
/// its IPv4 address, so `::ffff:10.0.0.1` and `10.0.0.1` are one client).
struct ClientIP: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    let bytes: [UInt8]

    /// Reads `192.0.2.7`, `2001:db8::1`, `[2001:db8::1]` or `::ffff:192.0.2.7`; `nil` for anything else.
    init?(_ text: some StringProtocol) {
        var text = String(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        guard !text.isEmpty, text.utf8.count <= 45 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let all = withUnsafeBytes(of: &v6) { Array($0) }
        bytes = all.prefix(10).allSatisfy { $0 == 0 } && all[10] == 0xff && all[11] == 0xff ? Array(all.suffix(4)) : all
    }

    var isIPv4: Bool { bytes.count == 4 }

    /// The name a per-client limit counts under: an IPv4 address itself; for IPv6 its /64, the block one
    /// subscriber is usually given, so rotating the low 64 bits does not make a new client.
    var limitKey: String {
        guard !isIPv4 else { return description }
        return (0..<4).map { String(UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]), radix: 16) }.joined(separator: ":") + "::/64"
    }

    var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        return (0..<8).map { String(UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]), radix: 16) }.joined(separator: ":")
    }
}

/// A block of addresses, `10.0.0.0/8` or `2001:db8::/32`; a bare address is a block of one.
struct IPBlock: Hashable, Sendable, CustomStringConvertible {
    let base: ClientIP
    let prefixLength: Int

    /// Reads `ADDRESS/LENGTH` or `ADDRESS`; `nil` when either part is not valid.
    init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let base = ClientIP(parts[0].trimmingCharacters(in: .whitespaces)) else { return nil }
        let bits = base.bytes.count * 8
        if parts.count == 2 {
            guard let length = Int(parts[1]), (0...bits).contains(length) else { return nil }
            prefixLength = length
        } else {
            prefixLength = bits
        }
        self.base = base
    }

    /// Whether `address` lies in this block (an IPv4 address never lies in an IPv6 block, nor the reverse).
    func contains(_ address: ClientIP) -> Bool {
        guard address.bytes.count == base.bytes.count else { return false }
        var left = prefixLength
        for index in base.bytes.indices where left > 0 {
            let mask: UInt8 = left >= 8 ? 0xff : ~(0xff >> UInt8(left))
            if address.bytes[index] & mask != base.bytes[index] & mask { return false }
            left -= 8
        }
        return true
    }

    var description: String { "\(base)/\(prefixLength)" }
}
