import ArgumentParser
import Hummingbird
import KlageServer
import Logging
import Metrics
import Prometheus
import UnixSignals

/// `klage serve`: migrates, creates the configured tenants, and serves JSON-RPC over HTTP until SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server (SQLite by default, demo tenants from Config/).")

    @OptionGroup var options: GlobalOptions

    @Option(help: "The address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "The port to listen on (default 8080).")
    var port: Int?

    @Option(help: "Requests per second one API key may make, sustained (default 100; 0 = unlimited).")
    var keyRequestsPerSecond: Double?

    @Option(help: "Requests per second one address may make without a valid key (default 10; 0 = unlimited).")
    var anonymousRequestsPerSecond: Double?

    @Option(help: "HTTP requests served at once; more are refused with -32029 (default 256).")
    var maxRequestsInFlight: Int?

    @Option(help: "PostgreSQL connections this instance opens at most (default 10).")
    var postgresPoolSize: Int?

    func run() async throws {
        var configuration = try options.load()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let keyRequestsPerSecond { configuration.limits.keyRequestsPerSecond = keyRequestsPerSecond }
        if let anonymousRequestsPerSecond { configuration.limits.anonymousRequestsPerSecond = anonymousRequestsPerSecond }
        if let maxRequestsInFlight { configuration.limits.maxRequestsInFlight = maxRequestsInFlight }
        if let postgresPoolSize { configuration.limits.postgresPoolSize = postgresPoolSize }
        try configuration.validate()
        let logger = GlobalOptions.bootstrapLogging(level: configuration.logLevel, format: configuration.logFormat)
        let klage = try await KlageHost.open(configuration, logger: logger)
        if configuration.metrics {
            // Klage counts into its host's own registry; whatever a library reports through swift-metrics joins it at /metrics.
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: klage.metrics.registry))
        }
        let database = try DatabaseURL(configuration.database).description
        let address = configuration.host
        logger.info(
            "starting",
            metadata: [
                "database": .string(database),
                "tenants": .string(String(configuration.tenants.count)),
            ])
        let app = HTTPServer.application(host: klage) { port in
            logger.notice("listening", metadata: ["address": .string("http://\(address):\(port)")])
        }
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        await klage.shutdown()
        logger.notice("stopped")
    }
}
