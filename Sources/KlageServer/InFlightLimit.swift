import Synchronization

/// A host-wide cap on HTTP requests being served at once. A request over the cap is refused at once
/// (-32029, HTTP 503) instead of queueing without bound behind the database.
///
/// ```swift
/// guard limit.enter() else { return overloaded }
/// defer { limit.leave() }
/// ```
final class InFlightLimit: Sendable {
    let maximum: Int
    private let current = Atomic<Int>(0)

    init(maximum: Int) {
        self.maximum = max(1, maximum)
    }

    /// Requests in flight now.
    var count: Int { current.load(ordering: .relaxed) }

    /// Counts a request in when there is room. - Returns: `false` at the cap (nothing counted).
    func enter() -> Bool {
        let (_, now) = current.add(1, ordering: .acquiringAndReleasing)
        if now <= maximum { return true }
        current.subtract(1, ordering: .acquiringAndReleasing)
        return false
    }

    /// Counts a request out; call once for each successful ``enter()``.
    func leave() {
        current.subtract(1, ordering: .acquiringAndReleasing)
    }
}
