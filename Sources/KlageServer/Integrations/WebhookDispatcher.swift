import KlageKernel
import Logging
import ServiceLifecycle

/// The background service that delivers webhooks: it fans each tenant's new events out to its
/// webhooks and runs the deliveries that are due, again at once while there is work, else after
/// `webhookIntervalSeconds`. Safe in every instance (see ``KlageKernel/WebhookService``).
struct WebhookDispatcher: Service {
    let host: KlageHost

    func run() async throws {
        let interval = Duration.milliseconds(Int64(host.configuration.integrations.webhookIntervalSeconds * 1000))
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var ran = 0
                do {
                    ran = try await host.integrations.webhooks.dispatchDue()
                } catch {
                    host.logger.warning("webhook dispatch failed", metadata: ["error": .string((error as? KlageError)?.description ?? "storage")])
                }
                // A pass that found work looks again at once: a backlog drains without waiting.
                if ran == 0 { try? await Task.sleep(for: interval) }
            }
        }
    }
}
