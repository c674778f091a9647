import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Resolves a webhook target's host name to its addresses, once per check: the system's resolver
/// (`getaddrinfo`, off the cooperative pool), or a test's, which may answer differently each time
/// as a rebinding DNS server would.
struct WebhookResolver: Sendable {
    /// The addresses of a name; empty when it does not resolve.
    let resolve: @Sendable (String) async throws -> [IPAddress]

    /// The system's resolver.
    static let system = WebhookResolver { name in
        await withCheckedContinuation { continuation in
            // A queue of its own: a slow lookup must not hold a thread of the pool Swift's tasks run on.
            DispatchQueue(label: "klage.webhook.resolve").async { continuation.resume(returning: lookUp(name)) }
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
