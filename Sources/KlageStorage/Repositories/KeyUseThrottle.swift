import Foundation
import KlageKernel
import Synchronization

/// When this process last wrote each key's `last_used_at`: a key used on every request writes at most
/// once per ``interval`` from here (and the `UPDATE` itself skips a row written less than that ago by
/// another instance).
final class KeyUseThrottle: Sendable {
    /// The least time between two writes of one key's use.
    static let interval: TimeInterval = 60
    /// The most keys remembered; when full, the throttle starts over.
    static let capacity = 10_000

    private let written = Mutex<[APIKeyID: Date]>([:])

    /// Whether a use of `id` at `now` should be written; when it should, remembers `now`.
    func shouldWrite(_ id: APIKeyID, at now: Date) -> Bool {
        written.withLock { written in
            if let last = written[id], now.timeIntervalSince(last) < Self.interval, now >= last { return false }
            if written.count >= Self.capacity { written.removeAll(keepingCapacity: true) }
            written[id] = now
            return true
        }
    }
}
