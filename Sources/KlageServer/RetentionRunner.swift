import Foundation
import KlageKernel
import Logging

/// Runs every tenant's retention schedule (``KlageKernel/PrivacyService/applyRetention(limit:)``) at most
/// once per `every`: anonymising complaints closed long enough ago and pruning the access log. Logs the
/// tenant and counts only, never personal data.
actor RetentionRunner {
    private let services: KlageKernel.ServiceEnvironment
    private let logger: Logger
    private let every: TimeInterval
    private var lastRun: Date?

    init(env: ServiceEnvironment, logger: Logger, every: TimeInterval = 3_600) {
        self.services = env
        self.logger = logger
        self.every = every
    }

    /// Applies retention when `every` has passed since the last run.
    func runIfDue() async {
        let now = services.clock.now()
        if let lastRun, now.timeIntervalSince(lastRun) < every { return }
        lastRun = now
        do {
            for run in try await PrivacyService(services).applyRetention() {
                logger.info(
                    "retention applied",
                    metadata: [
                        "tenant": .string(run.tenant.rawValue), "anonymised": .stringConvertible(run.anonymised),
                        "accessRecordsDeleted": .stringConvertible(run.accessRecordsDeleted),
                    ])
            }
        } catch {
            logger.warning("retention failed", metadata: ["error": .string(String(describing: error))])
        }
    }
}
