import KlageKernel
import Synchronization

/// One lookup at a time per key: callers that ask for a key while its lookup runs wait for that
/// lookup's answer instead of starting their own.
///
/// A flood of connections that present the same API key at once (300 WebSocket upgrades) would
/// otherwise all miss ``KeyCache`` together and queue 300 identical reads for the database pool,
/// leaving no connection for other tenants' requests.
final class KeyLookups: Sendable {
    private let running = Mutex<[String: Task<FoundKey?, any Error>]>([:])

    /// The answer of `work` for `key`, shared with every caller that asks while it runs.
    func run(_ key: String, _ work: @escaping @Sendable () async throws -> FoundKey?) async throws -> FoundKey? {
        let task = running.withLock { running in
            if let task = running[key] { return task }
            let task = Task { try await work() }
            running[key] = task
            return task
        }
        defer { running.withLock { if $0[key] == task { $0[key] = nil } } }
        return try await task.value
    }
}

/// A key found by its hash, with its tenant: what ``KeyLookups`` shares between concurrent lookups.
struct FoundKey: Sendable {
    let key: APIKey
    let tenant: Tenant?
}
