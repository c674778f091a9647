import Foundation

#if canImport(Glibc)
    public import Glibc
#elseif canImport(Darwin)
    public import Darwin
#endif

/// TCP sockets on loopback for the tests, on Linux and macOS alike.
public enum LoopbackSockets {
    /// A new IPv4 TCP socket's descriptor (negative when none could be made).
    public static func tcp() -> Int32 {
        #if canImport(Glibc)
            Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
    }

    /// `127.0.0.1:port` as a socket address.
    public static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A loopback port that was free a moment ago, from the kernel's ephemeral range. - Throws: when none could be had.
    public static func freePort() throws -> Int {
        try bound(port: 0)
    }

    /// A free loopback port below the kernel's ephemeral range (20000-32767), for a server a test stops and
    /// starts again: no test that binds port 0 can take it while it is down. - Throws: when none could be had.
    public static func freeServerPort() throws -> Int {
        for _ in 0..<1000 {
            if let port = try? bound(port: Int.random(in: 20000..<32768)) { return port }
        }
        throw FreePortUnavailable(errno: EADDRINUSE)
    }

    /// Binds a socket to `port` on loopback (0: any) and closes it again, giving the port it had.
    private static func bound(port: Int) throws -> Int {
        let descriptor = tcp()
        defer { close(descriptor) }
        var address = address(port: port)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard descriptor >= 0, bound == 0, named == 0 else { throw FreePortUnavailable(errno: errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// No loopback port could be bound.
    public struct FreePortUnavailable: Error {
        public let errno: Int32
    }
}
