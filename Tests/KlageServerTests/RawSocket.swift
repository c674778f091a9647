import Foundation
import KlageTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A bare TCP connection to `127.0.0.1` for tests that send part of a request and watch what the
/// server does with the connection: blocking calls, so use it from a thread of its own
/// (`@unchecked Sendable`: each test hands it to one thread at a time).
final class RawSocket: @unchecked Sendable {
    private let fd: Int32

    /// Connects; reads wait at most `timeoutSeconds`. - Throws: when the connection fails.
    init(port: Int, timeoutSeconds: Int = 20) throws {
        fd = LoopbackSockets.tcp()
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = LoopbackSockets.address(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw RawHTTPConnection.Failure(description: "connect() failed: errno \(errno)")
        }
    }

    deinit { close(fd) }

    /// Sends `text` as UTF-8. - Returns: whether every byte was sent.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        #if canImport(Glibc)
            return bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
        #else
            return bytes.withUnsafeBytes { Darwin.send(fd, $0.baseAddress, $0.count, 0) } == bytes.count
        #endif
    }

    /// What a read found.
    enum Read: Equatable {
        /// Bytes arrived.
        case data(String)
        /// The server closed the connection (end of stream or reset).
        case closed
        /// Nothing within the timeout.
        case timedOut
    }

    /// Reads what arrives next.
    func read() -> Read {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 { return .data(String(decoding: buffer[0..<count], as: UTF8.self)) }
        if count == 0 || errno == ECONNRESET { return .closed }
        return .timedOut
    }

    /// Reads until the server closes the connection or the timeout passes; the bytes read before.
    func readUntilClosed() -> (Read, String) {
        var text = ""
        while true {
            switch read() {
            case .data(let more): text += more
            case let end: return (end, text)
            }
        }
    }
}
