import Foundation
import Synchronization

/// How many complaints each client address may file through the intake page per hour: a sliding window
/// per address, kept in memory by each instance (the address is never logged).
final class IntakeLimiter: Sendable {
    private let perHour: Int
    private let filed = Mutex<[String: [Date]]>([:])

    init(perHour: Int) {
        self.perHour = perHour
    }

    /// Counts a submission from `address` at `now` if it is under the limit. - Returns: whether it may go on.
    func admit(_ address: String, at now: Date = Date()) -> Bool {
        guard perHour > 0 else { return true }
        return filed.withLock { filed in
            let since = now.addingTimeInterval(-3600)
            if filed.count > 10_000 { filed = filed.filter { $0.value.contains { $0 > since } } }
            var recent = (filed[address] ?? []).filter { $0 > since }
            guard recent.count < perHour else {
                filed[address] = recent
                return false
            }
            recent.append(now)
            filed[address] = recent
            return true
        }
    }
}
