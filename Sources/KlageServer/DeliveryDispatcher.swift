import KlageDelivery
import KlageKernel
import Logging
import ServiceLifecycle

/// The background service that runs every durable delivery, plug-in hooks and webhooks alike, one lane
/// per channel and tenant: every `deliveryIntervalSeconds` it opens a lane for each channel's tenant with
/// work that has none running; a lane runs its passes (``KlageDelivery/DeliveryEngine/dispatchDue(_:)``)
/// again at once while they find work, then closes. A tenant whose endpoints hang holds its own lane only
/// (and its share of ``KlageDelivery/DeliveryEngine/tenantShare`` deliveries): the other lanes go on,
/// its own plug-in hooks among them. Safe in every instance (see ``KlageDelivery/DeliveryLedger``).
struct DeliveryDispatcher: Service {
    let host: KlageHost

    func run() async throws {
        let interval = Duration.milliseconds(Int64(host.configuration.deliveryIntervalSeconds * 1000))
        let engine = host.integrations.deliveries
        let lanes = DeliveryLanes()
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled {
                    for lane in await engine.lanes() where lanes.open(lane) {
                        group.addTask {
                            await run(lane, on: engine)
                            lanes.close(lane)
                        }
                    }
                    host.metrics.deliveries.dispatched(failed: false)
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    /// Runs `lane`'s passes while they find work.
    private func run(_ lane: DeliveryLane, on engine: DeliveryEngine) async {
        while !Task.isCancelled {
            do {
                let ran = try await engine.dispatchDue(lane)
                guard ran > 0 else { return }
                host.logger.info("deliveries run", metadata: ["channel": .string(lane.channel), "deliveries": .string(String(ran))])
            } catch {
                host.metrics.deliveries.dispatched(failed: true)
                host.logger.warning(
                    "delivery dispatch failed",
                    metadata: ["channel": .string(lane.channel), "error": .string((error as? KlageError)?.description ?? "storage")])
                return
            }
        }
    }
}
