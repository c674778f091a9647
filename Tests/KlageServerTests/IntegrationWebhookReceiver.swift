import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A webhook endpoint on loopback for the tests: a small Hummingbird server that answers as it is told
/// (take the delivery, fail with a status, or hang past the sender's timeout) and records every request.
final class WebhookReceiver: Sendable {
    /// How the receiver answers.
    enum Mode: Sendable {
        case accept
        case fail(Int)
        case hang
    }

    /// One request as it arrived.
    struct Received: Sendable {
        let id: String
        let timestamp: String
        let signature: String
        /// The `Host` header: the name in the webhook's URL, even when the connection went to an address.
        let host: String
        /// The W3C `traceparent` header, empty when none came.
        let traceParent: String
        let body: Data
        let accepted: Bool
    }

    private let state = Mutex<(mode: Mode, received: [Received], arrivals: Int)>((.accept, [], 0))

    var mode: Mode {
        get { state.withLock { $0.mode } }
        set { state.withLock { $0.mode = newValue } }
    }

    /// How many requests have arrived, answered or not (a hanging one counts at once).
    var arrivals: Int { state.withLock { $0.arrivals } }
    /// Every request answered, in the order of the answers.
    var received: [Received] { state.withLock { $0.received } }
    /// The ids of the deliveries taken (answered 2xx in time).
    var acceptedIDs: [String] { received.filter(\.accepted).map(\.id) }

    fileprivate func handle(_ request: Request) async -> Response {
        state.withLock { $0.arrivals += 1 }
        let body = (try? await request.body.collect(upTo: 1 << 20)).map { Data($0.readableBytesView) } ?? Data()
        let header = { (name: String) in request.headers[HTTPField.Name(name)!] ?? "" }
        let mode = self.mode
        var accepted = false
        let status: HTTPResponse.Status
        switch mode {
        case .accept:
            accepted = true
            status = .ok
        case .fail(let code):
            status = HTTPResponse.Status(code: code)
        case .hang:
            // Past the sender's timeout: until the test changes the mode, for at most 30 s.
            for _ in 0..<1_500 {
                guard case .hang = self.mode else { break }
                try? await Task.sleep(for: .milliseconds(20))
            }
            status = .ok
        }
        let received = Received(
            id: header("webhook-id"), timestamp: header("webhook-timestamp"), signature: header("webhook-signature"),
            host: request.head.authority ?? "", traceParent: header("traceparent"), body: body,
            accepted: accepted)
        state.withLock { $0.received.append(received) }
        return Response(status: status)
    }
}

/// Runs `body` with a receiver listening on `http://127.0.0.1:PORT/hook`, then stops it.
func withWebhookReceiver<T: Sendable>(_ body: @Sendable (WebhookReceiver, String) async throws -> T) async throws -> T {
    let receiver = WebhookReceiver()
    let router = Router()
    router.post("hook") { request, _ in await receiver.handle(request) }
    return try await withLoopbackServer(router, label: "webhook-receiver") { port in try await body(receiver, "http://127.0.0.1:\(port)/hook") }
}
