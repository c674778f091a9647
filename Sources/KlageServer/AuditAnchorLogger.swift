import Foundation
import KlageKernel
import Logging

/// Writes the head of every audit chain (the host's, then each tenant's) to the log at most once per
/// `every`, so the heads are kept outside the database: a chain rewritten and rehashed later no longer
/// matches a head logged before (give it to `audit.verify` as an anchor). Each line holds the chain's
/// name (`host` or a tenant's id), `seq` and hash: no personal data.
actor AuditAnchorLogger {
    private let store: any AuditStore
    private let clock: any KlageClock
    private let logger: Logger
    private let every: TimeInterval
    private var lastRun: Date?

    init(store: any AuditStore, clock: any KlageClock, logger: Logger, every: TimeInterval = 3_600) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.every = every
    }

    /// Logs the heads when `every` has passed since the last time (or never ran).
    func logIfDue() async {
        let now = clock.now()
        if let lastRun, now.timeIntervalSince(lastRun) < every { return }
        lastRun = now
        do {
            for anchor in try await store.auditAnchors() {
                logger.notice(
                    "audit anchor",
                    metadata: ["chain": .string(anchor.chain), "seq": .stringConvertible(anchor.seq), "hash": .string(anchor.hash)])
            }
        } catch {
            logger.warning("audit anchors could not be read", metadata: ["error": .string(String(describing: error))])
        }
    }
}
