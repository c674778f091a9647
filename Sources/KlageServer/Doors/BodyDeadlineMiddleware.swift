import Hummingbird
import NIOCore

/// Reads every request's body before any route sees it: at most `limit` bytes, within `seconds` of the
/// head (a client that trickles its body, slowloris-style, loses its connection when the deadline
/// passes). Routes then find the body in memory, so no route can forget the deadline, and nothing a
/// route holds (a slot of the in-flight cap, a database connection) waits on a slow client.
///
/// A body over `limit` reaches the route as one whose `collect(upTo:)` throws `NIOTooManyBytesError`
/// (HTTP 413), so each route still answers it in its own format (a JSON-RPC error at `/rpc`).
/// The idle timeout of the HTTP/1 channel covers the request head; this covers the body.
struct BodyDeadlineMiddleware: RouterMiddleware {
    typealias Context = KlageRequestContext

    /// The largest body any route accepts.
    let limit: Int
    /// Seconds the body may take to arrive; 0 for no deadline.
    let seconds: Double

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        do {
            _ = try await Self.collect(&request, upTo: limit, within: seconds, closing: context.channel)
        } catch is NIOTooManyBytesError {
            request.body = RequestBody(asyncSequence: TooLarge(limit: limit))
        }
        return try await next(request, context)
    }

    /// Collects `request`'s body into memory, closing `channel` if it has not arrived within `seconds`.
    static func collect(_ request: inout Request, upTo limit: Int, within seconds: Double, closing channel: any Channel) async throws -> ByteBuffer {
        guard seconds > 0 else { return try await request.collectBody(upTo: limit) }
        let timer = Task {
            try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded())))
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        return try await request.collectBody(upTo: limit)
    }

    /// A body that was refused for its size: reading it throws as reading the original did.
    private struct TooLarge: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let limit: Int

        struct AsyncIterator: AsyncIteratorProtocol {
            let limit: Int
            mutating func next() async throws -> ByteBuffer? { throw NIOTooManyBytesError(maxBytes: limit) }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(limit: limit) }
    }
}
