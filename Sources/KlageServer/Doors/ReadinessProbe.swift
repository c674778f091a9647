import KlageStorage
import Synchronization

/// `GET /readyz`'s answer, from a storage ping at most once per ``maxAge``: however many probes (or
/// anonymous clients) ask, the database sees one ping a second from each instance.
final class ReadinessProbe: Sendable {
    /// How long one ping's answer is given out.
    static let maxAge = Duration.seconds(1)

    private let ping: @Sendable () async -> Bool
    private let state = Mutex<(checkedAt: ContinuousClock.Instant?, ready: Bool, running: Task<Bool, Never>?)>((nil, false, nil))

    init(ping: @escaping @Sendable () async -> Bool) {
        self.ping = ping
    }

    /// Whether storage answered its latest ping; pings again when that answer is older than ``maxAge``.
    func ready(now: ContinuousClock.Instant = .now) async -> Bool {
        let (cached, next): (Bool?, Task<Bool, Never>?) = state.withLock { state in
            if let checkedAt = state.checkedAt, now - checkedAt < Self.maxAge { return (state.ready, nil) }
            if let running = state.running { return (nil, running) }
            let ping = self.ping
            let task = Task { await ping() }
            state.running = task
            return (nil, task)
        }
        if let cached { return cached }
        guard let next else { return false }
        let ready = await next.value
        state.withLock { state in
            guard state.running == next else { return }
            state.running = nil
            state.checkedAt = now
            state.ready = ready
        }
        return ready
    }
}
