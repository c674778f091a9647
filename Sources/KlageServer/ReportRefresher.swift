import KlageKernel
import KlageRPC
import KlageReports
import Logging
import ServiceLifecycle

/// The background service that keeps every tenant's report figures fresh every `schedulerIntervalSeconds`
/// (see ``KlageReports/ReportService/catchUp(of:limit:)``); reports then rarely wait for it. Safe in every
/// instance: a day is recomputed in one transaction that also clears its change marks.
struct ReportRefresher: Service {
    let host: KlageHost

    func run() async throws {
        let interval = Duration.seconds(host.configuration.schedulerIntervalSeconds)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    for tenant in try await host.services.env.store.allTenants() {
                        let done = try await host.services.reports.catchUp(of: tenant.id)
                        if done.days > 0 || done.months > 0 {
                            host.logger.debug(
                                "report figures refreshed",
                                metadata: [
                                    "tenant": .string(tenant.id.rawValue), "days": .stringConvertible(done.days),
                                    "months": .stringConvertible(done.months),
                                ])
                        }
                    }
                } catch {
                    host.logger.warning("report refresh failed", metadata: ["error": .string(String(describing: error))])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
