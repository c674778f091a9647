import Foundation

/// A block of addresses, `10.0.0.0/8` or `2001:db8::/32`; a bare address is a block of one.
struct IPBlock: Hashable, Sendable, CustomStringConvertible {
    let base: IPAddress
    let prefixLength: Int

    /// Reads `ADDRESS/LENGTH` or `ADDRESS`; `nil` when either part is not valid.
    init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let base = IPAddress(parts[0].trimmingCharacters(in: .whitespaces))?.unmapped else { return nil }
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
    func contains(_ address: IPAddress) -> Bool {
        let address = address.unmapped
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
