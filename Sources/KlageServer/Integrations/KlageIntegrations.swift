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
    let settings: IntegrationSettings

    /// Composes the integrations over `store`.
    public init(store: any EventFeedStore & WebhookStore, settings: IntegrationSettings, clock: any KlageClock, logger: Logger) {
        let targets = WebhookTargetCheck(
            privateTenants: Set(settings.webhookPrivateTargetTenants), allowLoopbackForTests: settings.allowLoopbackTargetsForTests)
        self.settings = settings
        self.feedStore = store
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

    /// Nothing to close: each webhook attempt's HTTP client closes when the attempt ends (``HTTPWebhookTransport``).
    public func shutdown() async {}
}
