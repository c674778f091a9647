import Foundation
import KlageKernel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Refuses webhook targets that would let a tenant admin reach the host's own network (SSRF): the
/// URL must be https with no credentials, and every address its host resolves to must be public, not
/// loopback, private, shared (CGNAT), link-local, multicast or reserved. The host operator may allow
/// a tenant private targets and plain http (``IntegrationSettings/webhookPrivateTargetTenants``).
///
/// The check runs when a webhook is created and again before every delivery; redirects are never followed.
struct WebhookTargetCheck: Sendable {
    let privateTenants: Set<String>

    /// The URL's parts once checked. - Throws: a validation error on field `url`.
    func check(_ text: String, tenant: TenantID) async throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw KlageError.validation(field: "url", reason: "must be an absolute http(s) URL")
        }
        guard url.user == nil, url.password == nil else { throw KlageError.validation(field: "url", reason: "must not hold credentials") }
        let mayBePrivate = privateTenants.contains(tenant.rawValue)
        guard scheme == "https" || (scheme == "http" && mayBePrivate) else {
            throw KlageError.validation(field: "url", reason: "must be https")
        }
        if mayBePrivate { return url }
        let addresses = try await Self.resolve(host)
        guard !addresses.isEmpty else { throw KlageError.validation(field: "url", reason: "the host does not resolve") }
        guard addresses.allSatisfy(\.isPublic) else {
            throw KlageError.validation(field: "url", reason: "the host resolves to a loopback, private or link-local address")
        }
        return url
    }

    /// The host's addresses (a literal address is its own), resolved off the cooperative pool.
    static func resolve(_ host: String) async throws -> [IPAddress] {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let literal = IPAddress(literal: name) { return [literal] }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: lookUp(name)) }
        }
    }

    private static func lookUp(_ name: String) -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if let address = info.pointee.ai_addr {
                switch Int32(info.pointee.ai_family) {
                case AF_INET:
                    let v4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
                    addresses.append(.v4(withUnsafeBytes(of: v4) { Array($0) }))
                case AF_INET6:
                    let v6 = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    addresses.append(.v6(withUnsafeBytes(of: v6) { Array($0) }))
                default: break
                }
            }
            cursor = info.pointee.ai_next
        }
        return addresses
    }
}

/// An IPv4 or IPv6 address as bytes in network order, and whether it is public.
enum IPAddress: Sendable, Hashable {
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

    /// Whether the address is routable on the public internet (not loopback, private, link-local, …).
    var isPublic: Bool {
        switch self {
        case .v4(let b): return Self.isPublicV4(b)
        case .v6(let b):
            if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF { return Self.isPublicV4(Array(b[12..<16])) }  // ::ffff:a.b.c.d
            if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B { return Self.isPublicV4(Array(b[12..<16])) }  // 64:ff9b::/96
            if b.allSatisfy({ $0 == 0 }) || (b[0..<15].allSatisfy { $0 == 0 } && b[15] == 1) { return false }  // :: and ::1
            if b[0..<12].allSatisfy({ $0 == 0 }) { return false }  // IPv4-compatible, deprecated
            if b[0] & 0xFE == 0xFC { return false }  // fc00::/7 unique local
            if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return false }  // fe80::/10 link-local
            if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return false }  // fec0::/10 site-local, deprecated
            if b[0] == 0xFF { return false }  // multicast
            if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return false }  // 2001:db8::/32 documentation
            return true
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
