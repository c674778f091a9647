import KlageKernel
import KlageRPC
import Logging
import ServiceLifecycle

/// The background service that runs the outbox's due plug-in hooks every `outboxIntervalSeconds`:
/// those a request did not settle (a hook threw, or the process died after the commit), with back-off.
/// Safe to run in every instance: see ``KlageKernel/OutboxService``.
struct OutboxDispatcher: Service {
    let host: KlageHost

    func run() async throws {
        let interval = Duration.seconds(host.configuration.outboxIntervalSeconds)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let ran = try await host.services.outbox.dispatchDue()
                    host.metrics.outbox.dispatched(failed: false)
                    if ran > 0 { host.logger.info("outbox hooks run", metadata: ["deliveries": .string(String(ran))]) }
                } catch {
                    host.metrics.outbox.dispatched(failed: true)
                    host.logger.warning("outbox dispatch failed", metadata: ["error": .string((error as? KlageError)?.description ?? "storage")])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
