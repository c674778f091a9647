import KlageKernel
import KlageRPC
import Logging
import ServiceLifecycle

/// The background service that records warned and missed deadlines (and escalates misses to a
/// leader) every `schedulerIntervalSeconds`, applies the tenants' retention schedules once an hour
/// (``RetentionRunner``) and logs the audit chains' heads once an hour (``AuditAnchorLogger``). Safe to run in every instance: see
/// ``KlageKernel/ComplaintService/checkDeadlines(limit:)`` and ``KlageKernel/PrivacyService/applyRetention(limit:)``.
struct DeadlineScheduler: Service {
    let host: KlageHost

    func run() async throws {
        let interval = Duration.seconds(host.configuration.schedulerIntervalSeconds)
        let retention = RetentionRunner(env: host.services.env, logger: host.logger)
        let anchors = AuditAnchorLogger(store: host.store, clock: host.services.env.clock, logger: host.logger)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let changed = try await host.services.complaints.checkDeadlines()
                    host.metrics.scheduler.ran(changed: changed)
                    if changed > 0 { host.logger.info("deadlines checked", metadata: ["complaints": .string(String(changed))]) }
                } catch {
                    host.metrics.scheduler.ran(changed: nil)
                    host.logger.warning("deadline check failed", metadata: ["error": .string(String(describing: error))])
                }
                await retention.runIfDue()
                await anchors.logIfDue()
                try? await Task.sleep(for: interval)
            }
        }
    }
}
