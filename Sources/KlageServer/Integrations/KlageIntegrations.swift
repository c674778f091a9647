public import KlageKernel
public import KlageRPC
public import Logging
import NIOCore

/// The host's integrations, composed once: the event feed, webhooks with their HTTP transport, and the
/// methods they add (`event.list`, `webhook.*`). See the catalog's *Integrations*.
public struct KlageIntegrations: Sendable {
    /// `event.list`'s service.
    public let feed: EventFeedService
    /// Webhooks and their delivery.
    public let webhooks: WebhookService
    /// The store the feed reads, for the live stream.
    let feedStore: any EventFeedStore
    /// The live stream of `/rpc/ws`: one read of each tenant's feed per interval for all its subscribers.
    public let stream: TenantEventHub
    /// The `/rpc/ws` connections open on this instance, per key and per tenant, held to their caps.
    public let sockets: EventSocketLedger
    let settings: IntegrationSettings

    /// Composes the integrations over `store`.
    public init(store: any EventFeedStore & WebhookStore, settings: IntegrationSettings, clock: any KlageClock, logger: Logger) {
        let targets = WebhookTargetCheck(
            privateTenants: Set(settings.webhookPrivateTargetTenants), allowLoopbackForTests: settings.allowLoopbackTargetsForTests)
        self.settings = settings
        self.feedStore = store
        self.stream = TenantEventHub(
            store: store, intervalSeconds: settings.streamIntervalSeconds, bufferSize: settings.subscriberBufferEvents)
        self.sockets = EventSocketLedger(perKey: settings.socketsPerKey, perTenant: settings.socketsPerTenant)
        let timeout = max(settings.webhookTimeoutSeconds, 0.1)
        let transport = HTTPWebhookTransport(targets: targets, timeout: .milliseconds(Int64(timeout * 1000)))
        self.feed = EventFeedService(store: store)
        self.webhooks = WebhookService(
            store: store, transport: transport, clock: clock, policy: WebhookPolicy(baseDelay: settings.webhookRetryBaseSeconds),
            lease: timeout + 5,
            failed: { what, error in
                logger.warning(
                    "\(what) failed", metadata: ["error": .string((error as? KlageError)?.description ?? String(describing: type(of: error)))])
            })
    }

    /// Adds the integration methods to a registry being built.
    public func register(into builder: inout RPCMethodRegistry.Builder) {
        IntegrationMethods.register(into: &builder, feed: feed, webhooks: webhooks)
    }

    /// Ends the live stream. Webhooks hold no client: each attempt's closes when it ends (``HTTPWebhookTransport``).
    public func shutdown() async {
        stream.shutdown()
    }
}
