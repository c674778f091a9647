import KlageKernel
import KlageRPC
import Logging
import ServiceLifecycle

/// The background service that recomputes the report figures of days changed since they were computed,
/// for every tenant, every `schedulerIntervalSeconds`; reports then rarely wait for it. Safe in every
/// instance: a day is recomputed in one transaction that also clears its change marks.
struct ReportRefresher: Service {
    let host: KlageHost

    func run() async throws {
        let interval = Duration.seconds(host.configuration.schedulerIntervalSeconds)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    for tenant in try await host.services.env.store.allTenants() {
                        let days = try await ReportService(host.services.env).refreshChangedDays(of: tenant.id)
                        if days > 0 {
                            host.logger.debug(
                                "report days refreshed", metadata: ["tenant": .string(tenant.id.rawValue), "days": .stringConvertible(days)])
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
