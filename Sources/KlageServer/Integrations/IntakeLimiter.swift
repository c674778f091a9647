import Foundation
import Synchronization

/// Counts what was filed per name (a client address, a tenant) over the last hour, with a ceiling per
/// name, bounded in memory: each name keeps at most its ceiling's timestamps, and at most
/// `capacity` names are tracked (past that, names with nothing in the last hour are forgotten first,
/// then the longest quiet). Kept by each instance; nothing is logged.
final class IntakeLimiter: Sendable {
    private let capacity: Int
    private let filed = Mutex<[String: [Date]]>([:])

    init(capacity: Int = 100_000) {
        self.capacity = max(1, capacity)
    }

    /// Names tracked now.
    var count: Int { filed.withLock { $0.count } }

    /// Counts one filing for `name` at `now` if fewer than `ceiling` were counted in the hour before.
    /// - Returns: whether it may go on (always, with a ceiling of 0 or less: no ceiling).
    func admit(_ name: String, ceiling: Int, at now: Date = Date()) -> Bool {
        guard ceiling > 0 else { return true }
        return filed.withLock { filed in
            let since = now.addingTimeInterval(-3600)
            var recent = (filed[name] ?? []).filter { $0 > since }
            guard recent.count < ceiling else {
                filed[name] = recent
                return false
            }
            if filed[name] == nil, filed.count >= capacity { evict(&filed, since: since) }
            recent.append(now)
            filed[name] = recent
            return true
        }
    }

    /// Forgets names with nothing in the last hour, then the quietest, until a quarter of the capacity is free.
    private func evict(_ filed: inout [String: [Date]], since: Date) {
        filed = filed.filter { $0.value.contains { $0 > since } }
        let target = capacity - capacity / 4
        guard filed.count > target else { return }
        for (name, _) in filed.sorted(by: { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }).prefix(filed.count - target) {
            filed[name] = nil
        }
    }
}
