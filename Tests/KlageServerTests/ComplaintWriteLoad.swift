import KlageKernel
import KlageTestSupport
import Synchronization

/// Writers creating complaints over `/rpc` until stopped, and the ids each was told were stored: the
/// load under which backups are taken and primaries die.
final class ComplaintWriteLoad: Sendable {
    /// Every complaint acknowledged so far, and when, in the order the answers came.
    let acknowledged = Mutex<[(id: String, at: ContinuousClock.Instant)]>([])
    /// How many answers said "retryable", and were retried; the first one's error.
    let retried = Mutex(0)
    let firstRetryable = Mutex<JSONValue?>(nil)
    private let running = Mutex(true)

    /// Runs `writers` writers on `server` until ``stop()``; each retries what the server calls retryable
    /// (once told so, a case system sends the same external reference again), and throws anything else.
    func run(_ server: TestServer, key: String, workflow: String = "roskilde.abc", writers: Int = 4) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var index = 0
                    while self.running.withLock({ $0 }) {
                        index += 1
                        let params: JSONValue = [
                            "workflow": .string(workflow), "channel": "phone", "subject": .string("Belastning \(writer)-\(index)"),
                            "description": "Skrevet under belastning", "citizen": ["name": .string("Borger \(writer)")],
                            "externalRef": .string("load-\(writer)-\(index)"),
                        ]
                        if let id = try await self.create(server, params, key: key) {
                            self.acknowledged.withLock { $0.append((id, .now)) }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Waits until at least `count` complaints are acknowledged, for at most `limit`.
    func waitFor(_ count: Int, within limit: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + limit
        while acknowledged.withLock({ $0.count }) < count {
            guard ContinuousClock.now < deadline else { throw LoadStalled(acknowledged: self.count, wanted: count) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    func stop() { running.withLock { $0 = false } }

    /// How many complaints are acknowledged now, and which.
    var count: Int { acknowledged.withLock { $0.count } }
    var ids: [String] { acknowledged.withLock { $0.map(\.id) } }

    /// An answer that was neither a complaint nor retryable.
    struct LoadRefused: Error {
        let answer: String
    }

    /// Fewer complaints were acknowledged than waited for.
    struct LoadStalled: Error {
        let acknowledged: Int
        let wanted: Int
    }

    private func create(_ server: TestServer, _ params: JSONValue, key: String) async throws -> String? {
        for _ in 0..<300 {
            let answer = try await server.call("complaint.create", params, key: key)
            if let id = answer["result"]?.string("id") { return id }
            guard answer["error"]?["data"]?["retryable"] == true else { throw LoadRefused(answer: "\(answer)") }
            retried.withLock { $0 += 1 }
            firstRetryable.withLock { $0 = $0 ?? answer["error"] }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}
