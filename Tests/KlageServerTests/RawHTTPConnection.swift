import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blocking HTTP/1.1 keep-alive connection to `127.0.0.1`, sending bodies byte for byte.
///
/// URLSession is too slow for tens of thousands of requests and may touch the bytes; this writes
/// exactly what it is given. Its calls block the calling thread, so use it on a thread of its own
/// (`Thread.detachNewThread`), never on the Swift concurrency pool the server also runs on. A reply
/// that takes longer than `timeoutSeconds` is an error, so a hung server fails the test, not hangs it.
final class RawHTTPConnection {
    /// One HTTP response: status, headers (names lowercased) and body.
    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: [UInt8]
    }

    /// A connection or protocol failure, described for the test log.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let port: Int
    private let timeoutSeconds: Int
    private var socket: Int32 = -1
    private var buffered: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 16384)

    init(port: Int, timeoutSeconds: Int = 20) {
        self.port = port
        self.timeoutSeconds = timeoutSeconds
    }

    deinit { disconnect() }

    /// Posts `body` to `path` and reads the whole reply; reconnects first when the server closed the connection.
    func post(_ body: [UInt8], path: String = "/rpc", authorization: String? = nil) throws(Failure) -> Reply {
        try request("POST", path: path, body: body, headers: authorization.map { [("Authorization", $0)] } ?? [])
    }

    /// Sends `method path` with `body` (as `application/json` unless `headers` name a `Content-Type`)
    /// and reads the whole reply; reconnects first when the server closed the connection.
    func request(_ method: String, path: String, body: [UInt8], headers: [(String, String)] = []) throws(Failure) -> Reply {
        if socket < 0 { try connect() }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(body.count)\r\n"
        if !headers.contains(where: { $0.0.lowercased() == "content-type" }) { head += "Content-Type: application/json\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try send(Array(head.utf8) + body)
        let reply = try readReply()
        if reply.headers["connection"]?.lowercased() == "close" { disconnect() }
        return reply
    }

    private func connect() throws(Failure) {
        #if canImport(Glibc)
            let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                #if canImport(Glibc)
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #else
                    Darwin.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #endif
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure(description: "connect() to port \(port) failed: errno \(errno)")
        }
        socket = fd
        buffered = []
    }

    private func disconnect() {
        if socket >= 0 { close(socket) }
        socket = -1
        buffered = []
    }

    private func send(_ bytes: [UInt8]) throws(Failure) {
        var sent = 0
        while sent < bytes.count {
            #if canImport(Glibc)
                let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            #else
                let count = bytes[sent...].withUnsafeBytes { Darwin.send(socket, $0.baseAddress, $0.count, 0) }
            #endif
            guard count > 0 else {
                let code = errno
                disconnect()
                throw Failure(description: "send() failed: errno \(code)")
            }
            sent += count
        }
    }

    /// Reads more bytes into the buffer; the server closing the connection is an error.
    private func fill() throws(Failure) {
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else {
            let code = errno
            disconnect()
            throw Failure(
                description: count == 0
                    ? "the server closed the connection without a reply" : "recv() failed: errno \(code) (a timeout is errno \(EAGAIN))")
        }
        buffered += chunk[0..<count]
    }

    private func readReply() throws(Failure) -> Reply {
        var headEnd: Int?
        var searched = 0
        while headEnd == nil {
            while searched + 3 < buffered.count {
                if buffered[searched] == 13, buffered[searched + 1] == 10, buffered[searched + 2] == 13, buffered[searched + 3] == 10 {
                    headEnd = searched
                    break
                }
                searched += 1
            }
            if headEnd == nil { try fill() }
        }
        let head = String(decoding: buffered[0..<headEnd!], as: UTF8.self)
        buffered.removeFirst(headEnd! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure(description: "a malformed status line: \(head.prefix(80))")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["transfer-encoding"]?.lowercased() == "chunked" { throw Failure(description: "a chunked reply, which this client does not read") }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffered.count < length { try fill() }
        let body = Array(buffered[0..<length])
        buffered.removeFirst(length)
        return Reply(status: status, headers: headers, body: body)
    }
}
