import KlageDelivery
public import KlageKernel
public import KlageRPC
public import KlageStorage
public import Logging

/// Everything one running Klage needs, composed once: storage (migrated), plug-ins, services and the
/// JSON-RPC dispatcher. The HTTP server and the command line both start from here.
///
/// ```swift
/// let host = try await KlageHost.open(configuration)
/// let reply = await host.dispatcher.handle(body: body, authorization: header)
/// ```
public struct KlageHost: Sendable {
    /// Klage's semantic version, the newest release in `CHANGELOG.md`: printed by `klage --version`,
    /// shown to operators by `system.health`; `rpc.discover` names its major and minor version only.
    public static let version = "0.11.1"

    public let configuration: ServerConfiguration
    public let store: SQLKlageStore
    public let registry: PluginRegistry
    public let services: RPCServices
    public let dispatcher: RPCDispatcher
    public let logger: Logger
    /// This host's metrics, served at `GET /metrics` when the configuration turns them on.
    public let metrics: KlageMetrics
    /// The event feed, webhooks, and every durable delivery (see the catalog's *Integrations*).
    public let integrations: KlageIntegrations
    /// The tracer and its exporter when `tracing` is configured; `nil` (no spans at all) by default.
    public let tracing: KlageTracing?

    /// Opens storage, migrates it, validates the plug-ins, and creates configured tenants that do not exist.
    ///
    /// `beforeHooks` runs after each commit whose events plug-ins hook, before any hook: nothing in
    /// `klage`; the test-only `klage-test-server` passes a crash there (`OutboxCrashTests`).
    /// - Throws: a configuration, storage or workflow-definition error; the server must not start then.
    public static func open(
        _ configuration: ServerConfiguration, plugins: [any KlagePlugin] = KlagePlugins.all,
        clock: any KlageClock = SystemClock(), logger: Logger = Logger(label: "klage"),
        beforeHooks: @escaping @Sendable () -> Void = {}
    ) async throws -> KlageHost {
        let url = try DatabaseURL(configuration.database)
        try WorkflowValidator.validateForRecords(LearningWorkflow.definition)
        let registry = try KlagePlugins.registry(plugins)
        let policy = DeliveryPolicy()
        let tracing = try configuration.tracing.map { try KlageTracing.make($0, logger: logger) }
        let engine = try await StorageFactory.open(url, limits: configuration.limits)
        let metrics = KlageMetrics(driver: engine)
        let driver: any SQLDriver = tracing.map { TracedDriver(engine, tracer: $0.tracer) } ?? engine
        let store = SQLKlageStore(driver: driver, hooks: HookRouting(hookedEvents: registry.hookedEventTypes, policy: policy))
        let applied = try await migrate(store, configuration)
        if !applied.isEmpty { logger.info("migrated", metadata: ["migrations": .string(applied.map(String.init).joined(separator: ","))]) }
        let followUpFailed: @Sendable (String, any Error) -> Void = { what, error in
            logger.warning(
                "follow-up failed; the change before it stands",
                metadata: [
                    "followUp": .string(what), "error": .string((error as? KlageError)?.description ?? String(describing: type(of: error))),
                ])
        }
        let ledger = DeliveryLedger(
            store: store, policy: policy, clock: clock, attempted: { metrics.deliveries.attempted($0) }, failed: followUpFailed)
        let env = ServiceEnvironment(
            store: store, registry: registry, clock: clock, hashSecret: APIKeyService.hash,
            hookFailed: { plugin, event, error in
                logger.warning(
                    "plug-in hook failed; its delivery retries it",
                    metadata: [
                        "plugin": .string(plugin.rawValue), "event": .string(event.rawValue),
                        "error": .string((error as? KlageError)?.description ?? String(describing: type(of: error))),
                    ])
            },
            followUpFailed: followUpFailed, beforeHooks: beforeHooks, hooksRan: { run, event in await ledger.hooksRan(run, on: event) }
        )
        let services = RPCServices(env: env, reports: store, version: version) {
            (await driver.ping(), driver.dialect.name)
        }
        let integrations = KlageIntegrations(env: env, store: store, ledger: ledger, settings: configuration.integrations)
        let methods = services.makeRegistry { integrations.register(into: &$0) }
        try registry.checkConsoleMethods(served: Set(methods.names))
        let host = KlageHost(
            configuration: configuration, store: store, registry: registry, services: services,
            dispatcher: RPCDispatcher(
                registry: methods, keys: services.keys, logger: logger, observer: metrics.rpc(methods: methods.names), tracer: tracing?.tracer),
            logger: logger, metrics: metrics, integrations: integrations, tracing: tracing
        )
        try await host.seedTenants()
        return host
    }

    /// Creates the configuration's tenants that do not exist yet, and gives existing ones the name,
    /// plug-ins and settings the configuration declares. Tenants made through `tenant.create` are left alone.
    public func seedTenants() async throws {
        for seed in configuration.tenants {
            do {
                if try await store.tenant(TenantID(seed.id)) == nil {
                    try await services.tenants.create(
                        id: seed.id, name: seed.name, plugins: seed.plugins, settings: seed.settings ?? [:], by: HostAuditEntry.configurationActor)
                    logger.info("tenant created from configuration", metadata: ["tenant": .string(seed.id)])
                } else if try await services.tenants.configure(id: seed.id, name: seed.name, plugins: seed.plugins, settings: seed.settings ?? [:]) {
                    logger.info("tenant updated from configuration", metadata: ["tenant": .string(seed.id)])
                }
            } catch let error as KlageError where error.code == .conflict {
                continue  // another instance created it first
            } catch let error as KlageError {
                throw ConfigurationError(message: "tenant '\(seed.id)' in the configuration: \(error.message)")
            }
        }
    }

    /// Closes storage.
    public func shutdown() async {
        await integrations.shutdown()
        await store.driver.close()
    }
}
