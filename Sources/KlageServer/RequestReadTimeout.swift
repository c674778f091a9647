import Hummingbird
import NIOCore

/// Reads a request's body within a deadline: a client that trickles its body (slowloris) loses its
/// connection when the deadline passes, so it holds neither a request slot nor a connection for long.
///
/// The idle timeout of the HTTP/1 channel already closes a connection whose request head does not
/// arrive; this covers the body, which the idle timeout would let trickle byte by byte.
enum RequestReadTimeout {
    /// The body, collected up to `limit` bytes within `seconds` (0: no deadline).
    ///
    /// - Throws: Hummingbird's 413 error over `limit`; a channel error when the deadline closed the connection.
    static func collect(_ body: RequestBody, upTo limit: Int, within seconds: Double, closing channel: any Channel) async throws -> ByteBuffer {
        guard seconds > 0 else { return try await body.collect(upTo: limit) }
        let timer = Task {
            try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded())))
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        return try await body.collect(upTo: limit)
    }
}
