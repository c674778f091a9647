import Prometheus
import Synchronization

/// A Prometheus counter that follows a running total kept elsewhere (a storage driver's count of
/// commits), read at scrape time: each sync adds what the total grew by since the last one, so the
/// counter never goes down, even when two scrapes overlap.
final class CounterMirror: Sendable {
    private let counter: Counter
    private let last = Mutex<Int>(0)

    init(_ counter: Counter) {
        self.counter = counter
    }

    /// Brings the counter up to `total`; a total below the last one seen is ignored.
    func sync(to total: Int) {
        last.withLock { last in
            guard total > last else { return }
            counter.increment(by: Int64(total - last))
            last = total
        }
    }
}
