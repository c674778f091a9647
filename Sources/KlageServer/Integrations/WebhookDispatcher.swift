import KlageKernel
import Logging
import ServiceLifecycle

/// The background service that delivers webhooks, one lane per tenant: every
/// `webhookIntervalSeconds` it opens a lane for each tenant with webhooks that has none running; a
/// lane runs that tenant's passes (``KlageKernel/WebhookService/dispatchDue(tenant:)``) again at once
/// while they find work, then closes. A tenant whose endpoints hang holds its own lane only (and
/// its share of ``KlageKernel/WebhookService/tenantShare`` deliveries): the other tenants' lanes go
/// on. Safe in every instance (see ``KlageKernel/WebhookService``).
struct WebhookDispatcher: Service {
    let host: KlageHost

    func run() async throws {
        let interval = Duration.milliseconds(Int64(host.configuration.integrations.webhookIntervalSeconds * 1000))
        let webhooks = host.integrations.webhooks
        let lanes = WebhookLanes()
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled {
                    do {
                        for tenant in try await webhooks.tenantsWithWebhooks() where lanes.open(tenant) {
                            group.addTask {
                                await lane(tenant, webhooks: webhooks)
                                lanes.close(tenant)
                            }
                        }
                    } catch {
                        warn(error)
                    }
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    /// Runs `tenant`'s passes while they find work.
    private func lane(_ tenant: TenantID, webhooks: WebhookService) async {
        while !Task.isCancelled {
            do {
                guard try await webhooks.dispatchDue(tenant: tenant) > 0 else { return }
            } catch {
                warn(error)
                return
            }
        }
    }

    private func warn(_ error: any Error) {
        host.logger.warning("webhook dispatch failed", metadata: ["error": .string((error as? KlageError)?.description ?? "storage")])
    }
}
