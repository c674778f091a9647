/// What a webhook may do with an address: whether it is public, and whether it is one no webhook may
/// ever reach (``isNeverATarget``).
extension IPAddress {
    /// The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`) or NAT64 (`64:ff9b::/96`) IPv6
    /// address, which reaches that IPv4 address; `nil` for any other.
    private var embeddedV4: [UInt8]? {
        guard case .v6(let b) = self else { return nil }
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF { return Array(b[12..<16]) }
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B { return Array(b[12..<16]) }
        return nil
    }

    /// Whether the address is routable on the public internet (not loopback, private, link-local, …).
    var isPublic: Bool {
        if let v4 = embeddedV4 { return Self.isPublicV4(v4) }
        switch self {
        case .v4(let b): return Self.isPublicV4(b)
        case .v6(let b):
            if b[0..<12].allSatisfy({ $0 == 0 }) { return false }  // ::, ::1, IPv4-compatible (deprecated)
            if b[0] & 0xFE == 0xFC { return false }  // fc00::/7 unique local
            if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return false }  // fe80::/10 link-local
            if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return false }  // fec0::/10 site-local, deprecated
            if b[0] == 0xFF { return false }  // multicast
            if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return false }  // 2001:db8::/32 documentation
            return true
        }
    }

    /// Whether the address is the host itself (127.0.0.0/8, `::1`).
    var isLoopback: Bool {
        if let v4 = embeddedV4 { return v4[0] == 127 }
        switch self {
        case .v4(let b): return b[0] == 127
        case .v6(let b): return b[0..<15].allSatisfy { $0 == 0 } && b[15] == 1
        }
    }

    /// Whether no webhook may reach the address, not even a tenant's whom the operator allows private
    /// targets: loopback, link-local (where the cloud metadata service answers), the cloud metadata
    /// addresses themselves (169.254.169.254, `fd00:ec2::254`, 100.100.100.200), unspecified
    /// (0.0.0.0/8, `::`), IPv4-compatible IPv6, multicast and broadcast. These are the host's own
    /// services, never a municipality's case system.
    var isNeverATarget: Bool {
        if let v4 = embeddedV4 { return Self.isNeverATargetV4(v4) }
        switch self {
        case .v4(let b): return Self.isNeverATargetV4(b)
        case .v6(let b):
            if b[0..<12].allSatisfy({ $0 == 0 }) { return true }  // ::, ::1, IPv4-compatible (deprecated)
            if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return true }  // fe80::/10 link-local
            if b[0] == 0xFF { return true }  // multicast
            return b == Self.awsMetadataV6  // fd00:ec2::254
        }
    }

    /// `fd00:ec2::254`, the IPv6 address of the EC2 instance metadata service.
    private static let awsMetadataV6: [UInt8] = [0xFD, 0x00, 0x0E, 0xC2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54]

    private static func isNeverATargetV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (127, _): return true  // this network (unspecified), loopback
        case (169, 254): return true  // link-local, with the cloud metadata service at 169.254.169.254
        case (100, 100) where b[2] == 100 && b[3] == 200: return true  // Alibaba Cloud's metadata service
        case (224...255, _): return true  // multicast, reserved, broadcast
        default: return false
        }
    }

    private static func isPublicV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return false
        case (100, 64...127): return false  // shared address space (CGNAT)
        case (169, 254): return false  // link-local, cloud metadata
        case (172, 16...31): return false
        case (192, 168): return false
        case (192, 0) where b[2] == 0 || b[2] == 2: return false  // IETF protocol assignments, TEST-NET-1
        case (198, 18...19): return false  // benchmarking
        case (198, 51) where b[2] == 100: return false  // TEST-NET-2
        case (203, 0) where b[2] == 113: return false  // TEST-NET-3
        case (224...255, _): return false  // multicast, reserved, broadcast
        default: return true
        }
    }
}
