public import KlageDelivery
public import KlageKernel
public import KlageRPC
import NIOCore

/// The host's integrations and deliveries, composed once: the event feed, webhooks with their HTTP
/// transport, the one delivery engine with its channels (the plug-in hooks, in-process; webhooks, over
/// HTTP), and the methods they add (`event.list`, `webhook.*`, `outbox.*`). See the catalog's *Integrations*.
public struct KlageIntegrations: Sendable {
    /// `event.list`'s service.
    public let feed: EventFeedService
    /// Webhooks: the admins' subscriptions, and their deliveries.
    public let webhooks: WebhookService
    /// Every durable delivery, plug-in hooks and webhooks: the dispatcher's passes and the `outbox.*` methods.
    public let deliveries: DeliveryEngine
    /// The live stream of `/rpc/ws`: one read of each tenant's feed per interval for all its subscribers.
    public let stream: TenantEventHub
    /// The `/rpc/ws` connections open on this instance, per key and per tenant, held to their caps.
    public let sockets: EventSocketLedger
    /// The console's `/console/ws` connections on this instance, per person (or key) and per tenant,
    /// counted apart from ``sockets``.
    public let consoleSockets: EventSocketLedger
    let settings: IntegrationSettings

    /// Composes the integrations over `store`, keeping deliveries in `ledger`; the plug-in hooks run in `env`.
    public init(
        env: ServiceEnvironment, store: any EventFeedStore & WebhookStore & DeliveryStore, ledger: DeliveryLedger, settings: IntegrationSettings
    ) {
        let targets = WebhookTargetCheck(
            privateTenants: Set(settings.webhookPrivateTargetTenants), allowLoopbackForTests: settings.allowLoopbackTargetsForTests)
        self.settings = settings
        self.stream = TenantEventHub(
            store: store, intervalSeconds: settings.streamIntervalSeconds, bufferSize: settings.subscriberBufferEvents)
        self.sockets = EventSocketLedger(perKey: settings.socketsPerKey, perTenant: settings.socketsPerTenant)
        self.consoleSockets = EventSocketLedger(perKey: settings.socketsPerKey, perTenant: settings.consoleSocketsPerTenant)
        let timeout = max(settings.webhookTimeoutSeconds, 0.1)
        let transport = HTTPWebhookTransport(targets: targets, timeout: .milliseconds(Int64(timeout * 1000)))
        self.feed = EventFeedService(store: store)
        self.webhooks = WebhookService(store: store, transport: transport, ledger: ledger)
        self.deliveries = DeliveryEngine(
            ledger: ledger,
            channels: [HookChannel(env: env, store: store), WebhookChannel(store: store, transport: transport, timeout: timeout)])
    }

    /// Adds the integration methods to a registry being built.
    public func register(into builder: inout RPCMethodRegistry.Builder) {
        IntegrationMethods.register(into: &builder, feed: feed, webhooks: webhooks, deliveries: deliveries)
    }

    /// Ends the live stream. Webhooks hold no client: each attempt's closes when it ends (``HTTPWebhookTransport``).
    public func shutdown() async {
        stream.shutdown()
    }
}
