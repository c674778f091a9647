import Foundation
import HTTPTypes
import HummingbirdWSClient
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Logging
import NIOCore
import Synchronization

/// A JSON-RPC client over `/rpc/ws` for the tests: connects with a key, sends requests, and collects
/// every message the server sends (answers and event notifications) until `body` returns.
final class SocketTranscript: Sendable {
    private let messages = Mutex<[JSONValue]>([])
    private let ended = Atomic<Bool>(false)

    /// Every message received so far.
    var all: [JSONValue] { messages.withLock { $0 } }
    /// The event notifications received so far.
    var events: [JSONValue] { all.filter { $0.string("method") == "event" }.compactMap { $0["params"]?["event"] } }
    /// Whether the server has closed the connection (the inbound stream ended).
    var closed: Bool { ended.load(ordering: .acquiring) }

    /// The answer to request `id`, once it has come.
    func answer(_ id: Int) -> JSONValue? {
        all.first { $0["id"]?.numberValue == Double(id) }
    }

    fileprivate func append(_ message: JSONValue) {
        messages.withLock { $0.append(message) }
    }

    fileprivate func end() {
        ended.store(true, ordering: .releasing)
    }

    /// Waits, a poll every 20 ms for at most `seconds`, until `condition` holds; returns whether it did.
    func wait(seconds: Double = 20, until condition: (SocketTranscript) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(self)
    }
}

/// Connects to `ws://127.0.0.1:port/rpc/ws` with `key`, runs `body` with a way to send and the
/// transcript, then closes. Returns the close frame the server sent, if it closed first.
@discardableResult
func withEventSocket(
    port: Int, key: String, _ body: @escaping @Sendable (_ send: @Sendable (JSONValue) async throws -> Void, SocketTranscript) async throws -> Void
) async throws -> WebSocketCloseFrame? {
    try await withRawEventSocket(port: port, key: key) { send, transcript in
        try await body({ value in try await send(String(decoding: try JSONEncoder().encode(value), as: UTF8.self)) }, transcript)
    }
}

/// As ``withEventSocket(port:key:_:)``, sending text messages as given (which need not be JSON).
@discardableResult
func withRawEventSocket(
    port: Int, key: String, _ body: @escaping @Sendable (_ send: @Sendable (String) async throws -> Void, SocketTranscript) async throws -> Void
) async throws -> WebSocketCloseFrame? {
    try await withRawSocket(port: port, path: "/rpc/ws", headers: [.authorization: "Bearer \(key)"], body)
}

/// A WebSocket to `path` upgraded with `headers`; `body` sends text messages as given and reads the
/// transcript of what the server sent. Returns the server's close frame, if the client took one.
@discardableResult
func withRawSocket(
    port: Int, path: String, headers: HTTPFields,
    _ body: @escaping @Sendable (_ send: @Sendable (String) async throws -> Void, SocketTranscript) async throws -> Void
) async throws -> WebSocketCloseFrame? {
    let transcript = SocketTranscript()
    let logger = {
        var logger = Logger(label: "socket-test")
        logger.logLevel = .critical
        return logger
    }()
    let failure = Mutex<(any Error)?>(nil)
    let bodyDone = Atomic<Bool>(false)
    let close: WebSocketCloseFrame?
    do {
        close = try await connect()
    } catch is CancellationError where bodyDone.load(ordering: .acquiring) {
        // The reader below is cancelled once the body is done, and it shares the inbound stream with
        // the client's closing handshake, which then may end in CancellationError: the test's work is
        // done by then, and its outcome is the body's.
        close = nil
    }
    if let error = failure.withLock({ $0 }) { throw error }
    return close

    @Sendable func connect() async throws -> WebSocketCloseFrame? {
        try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)\(path)",
            configuration: .init(maxFrameSize: 1 << 20, additionalHeaders: headers), logger: logger
        ) { inbound, outbound, _ in
            let reader = Task {
                defer { transcript.end() }
                for try await message in inbound.messages(maxSize: 1 << 22) {
                    // Strictly, as the server reads: an id such as 1E400 is echoed as sent, which Foundation's decoder refuses.
                    if case .text(let text) = message { transcript.append((try? JSONParser().parse(Data(text.utf8))) ?? .null) }
                }
            }
            do {
                try await body({ text in try await outbound.writeTextMessage(text) }, transcript)
            } catch {
                failure.withLock { $0 = error }
            }
            bodyDone.store(true, ordering: .releasing)
            reader.cancel()
        }
    }
}

/// A `configure` for `withTestServer` that changes the integration settings.
func integrationSettings(_ change: @escaping (inout IntegrationSettings) -> Void) -> (inout ServerConfiguration) -> Void {
    { change(&$0.integrations) }
}
