public import Foundation
public import KlageKernel
import KlageRPC
import Logging

/// The server's configuration: read from a JSON file in `Config/`, then overridden by `KLAGE_*`
/// environment variables, then by command-line flags.
///
/// ```json
/// { "host": "127.0.0.1", "port": 8080, "database": "sqlite:data/klage.sqlite", "tenantsFolder": "tenants" }
/// ```
public struct ServerConfiguration: Sendable, Codable, Equatable {
    /// The address to listen on.
    public var host: String = "127.0.0.1"
    /// The port to listen on; 0 picks a free one.
    public var port: Int = 8080
    /// The database URL: `sqlite:PATH` or `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`.
    public var database: String = "sqlite:data/klage.sqlite"
    /// PostgreSQL only: the URL of the login that owns the tables, which runs the migrations; `database`
    /// is then the runtime login, which owns no table (see the catalog's *Operations*). `nil`: one login
    /// for both. `KLAGE_MIGRATION_DATABASE_URL` (or `…_FILE`) overrides it.
    public var migrationDatabase: String?
    /// The largest request body accepted, in bytes.
    public var maxBodyBytes: Int = 1_048_576
    /// The log level: trace, debug, info, notice, warning, error, critical.
    public var logLevel: String = "info"
    /// How log lines are written (``LogFormat``): `text` by default, `json` for a log collector.
    /// `KLAGE_LOG_FORMAT` overrides it.
    public var logFormat: LogFormat = .text
    /// Where traces go over OTLP/HTTP (``TracingSettings``); `nil`, no tracing, by default.
    /// `KLAGE_TRACES_ENDPOINT` sets the endpoint.
    public var tracing: TracingSettings?
    /// How often the deadline scheduler looks for warned and missed deadlines, in seconds; 0 turns it off.
    public var schedulerIntervalSeconds: Int = 30
    /// How often each instance's delivery dispatcher looks for deliveries to run (plug-in hooks due
    /// again, webhooks' new events and retries), in seconds; 0 turns it off.
    public var deliveryIntervalSeconds: Double = 0.2
    /// A folder of tenant files (one JSON object each), relative to the configuration file.
    public var tenantsFolder: String?
    /// Tenants declared inline.
    public var tenants: [TenantSeed] = []
    /// Load and abuse limits: rate limits, requests in flight, HTTP and PostgreSQL timeouts.
    public var limits = ServerLimits()
    /// Whether `GET /metrics` is served (Prometheus text format); off by default.
    public var metrics = false
    /// The bearer token `GET /metrics` asks for; needed when metrics are on at an address other than loopback.
    public var metricsToken: String?
    /// Webhooks, the live event stream and the intake page (``IntegrationSettings``).
    public var integrations = IntegrationSettings()
    /// The reverse proxies in front of the server, as addresses or CIDR blocks (`10.0.0.0/8`,
    /// `2001:db8::/32`): only from these is `X-Forwarded-For` read for the client's address (the
    /// per-address limits) and `X-Forwarded-Proto` for the console cookie's `Secure` flag.
    /// `KLAGE_TRUSTED_PROXIES` (comma-separated) overrides it. None by default: the peer is the client.
    public var trustedProxies: [String] = []
    /// **Labs only.** Leaves `Secure` off the console cookie over plain HTTP although the server
    /// listens on an address other than loopback (where it is on by default); logged loudly at
    /// start-up. `KLAGE_CONSOLE_INSECURE_COOKIES=1` sets it.
    public var insecureConsoleCookies = false

    public init() {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ServerConfiguration()
        host = try container.decodeIfPresent(String.self, forKey: .host) ?? defaults.host
        port = try container.decodeIfPresent(Int.self, forKey: .port) ?? defaults.port
        database = try container.decodeIfPresent(String.self, forKey: .database) ?? defaults.database
        migrationDatabase = try container.decodeIfPresent(String.self, forKey: .migrationDatabase)
        maxBodyBytes = try container.decodeIfPresent(Int.self, forKey: .maxBodyBytes) ?? defaults.maxBodyBytes
        logLevel = try container.decodeIfPresent(String.self, forKey: .logLevel) ?? defaults.logLevel
        logFormat = try container.decodeIfPresent(LogFormat.self, forKey: .logFormat) ?? defaults.logFormat
        tracing = try container.decodeIfPresent(TracingSettings.self, forKey: .tracing)
        schedulerIntervalSeconds = try container.decodeIfPresent(Int.self, forKey: .schedulerIntervalSeconds) ?? defaults.schedulerIntervalSeconds
        deliveryIntervalSeconds = try container.decodeIfPresent(Double.self, forKey: .deliveryIntervalSeconds) ?? defaults.deliveryIntervalSeconds
        tenantsFolder = try container.decodeIfPresent(String.self, forKey: .tenantsFolder)
        tenants = try container.decodeIfPresent([TenantSeed].self, forKey: .tenants) ?? []
        limits = try container.decodeIfPresent(ServerLimits.self, forKey: .limits) ?? defaults.limits
        metrics = try container.decodeIfPresent(Bool.self, forKey: .metrics) ?? defaults.metrics
        metricsToken = try container.decodeIfPresent(String.self, forKey: .metricsToken)
        integrations = try container.decodeIfPresent(IntegrationSettings.self, forKey: .integrations) ?? defaults.integrations
        trustedProxies = try container.decodeIfPresent([String].self, forKey: .trustedProxies) ?? []
        insecureConsoleCookies = try container.decodeIfPresent(Bool.self, forKey: .insecureConsoleCookies) ?? false
    }

    /// ``trustedProxies`` read as blocks (``validate()`` refuses a configuration with one that is not).
    var trustedProxyBlocks: [IPBlock] { trustedProxies.compactMap { IPBlock($0) } }

    /// A tenant the server creates at start-up when it does not exist yet.
    public struct TenantSeed: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var plugins: [String]
        public var settings: [String: JSONValue]?
        /// The tenant's OpenID Connect provider for the console's sign-in; none keeps pasted keys.
        public var identityProvider: IdentityProviderSettings?

        public init(
            id: String, name: String, plugins: [String], settings: [String: JSONValue]? = nil, identityProvider: IdentityProviderSettings? = nil
        ) {
            self.id = id
            self.name = name
            self.plugins = plugins
            self.settings = settings
            self.identityProvider = identityProvider
        }
    }

    /// Loads a configuration file (and its tenants folder); a missing default file gives the defaults.
    ///
    /// - Parameters:
    ///   - path: the file; `nil` tries `Config/klage.json`.
    ///   - environment: `KLAGE_HOST`, `KLAGE_PORT`, `KLAGE_DATABASE_URL`, `KLAGE_LOG_LEVEL` and the
    ///     limits' variables (``ServerLimits/environmentName(_:)``) override the file.
    /// - Throws: ``ConfigurationError`` naming the file and what is wrong with it.
    public static func load(path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        let file = path ?? "Config/klage.json"
        var configuration = ServerConfiguration()
        if FileManager.default.fileExists(atPath: file) {
            configuration = try decode(ServerConfiguration.self, at: file)
            if let folder = configuration.tenantsFolder {
                let base = URL(fileURLWithPath: file).deletingLastPathComponent()
                let directory = folder.hasPrefix("/") ? URL(fileURLWithPath: folder) : base.appendingPathComponent(folder)
                let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
                for name in names.sorted() where name.hasSuffix(".json") {
                    configuration.tenants.append(try decode(TenantSeed.self, at: directory.appendingPathComponent(name).path))
                }
            }
        } else if path != nil {
            throw ConfigurationError(message: "configuration file \(file) does not exist")
        }
        if let host = environment["KLAGE_HOST"] { configuration.host = host }
        if let port = environment["KLAGE_PORT"] {
            guard let value = Int(port) else { throw ConfigurationError(message: "KLAGE_PORT must be a number") }
            configuration.port = value
        }
        if let database = try databaseURL("KLAGE_DATABASE_URL", environment: environment) { configuration.database = database }
        if let owner = try databaseURL("KLAGE_MIGRATION_DATABASE_URL", environment: environment) { configuration.migrationDatabase = owner }
        if let level = environment["KLAGE_LOG_LEVEL"] { configuration.logLevel = level }
        if let endpoint = environment["KLAGE_TRACES_ENDPOINT"] {
            configuration.tracing =
                endpoint.isEmpty ? nil : TracingSettings(endpoint: endpoint, protocol: configuration.tracing?.protocol ?? "http/protobuf")
        }
        if let format = environment["KLAGE_LOG_FORMAT"] {
            guard let value = LogFormat(rawValue: format) else {
                throw ConfigurationError(message: "KLAGE_LOG_FORMAT must be one of \(LogFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            configuration.logFormat = value
        }
        if let proxies = environment["KLAGE_TRUSTED_PROXIES"] {
            configuration.trustedProxies = proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let insecure = environment["KLAGE_CONSOLE_INSECURE_COOKIES"] {
            configuration.insecureConsoleCookies = ["1", "true", "yes"].contains(insecure.lowercased())
        }
        try configuration.limits.apply(environment: environment)
        try configuration.applyMetrics(environment: environment)
        try configuration.integrations.apply(environment: environment)
        try configuration.validate()
        return configuration
    }

    /// A database URL from the variable `name` (`KLAGE_DATABASE_URL`), or read from the file `name_FILE`
    /// names (a Docker or Kubernetes secret mounted as a file, so the password is in no environment listing).
    /// - Throws: ``ConfigurationError`` when both are set, or the file cannot be read or is empty.
    static func databaseURL(_ name: String, environment: [String: String]) throws -> String? {
        let direct = environment[name].flatMap { $0.isEmpty ? nil : $0 }
        guard let file = environment[name + "_FILE"], !file.isEmpty else { return direct }
        guard direct == nil else { throw ConfigurationError(message: "set \(name) or \(name)_FILE, not both") }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigurationError(message: "\(name)_FILE: cannot read \(file)")
        }
        let url = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !url.isEmpty else { throw ConfigurationError(message: "\(name)_FILE: \(file) is empty") }
        return url
    }

    /// Checks ranges. - Throws: ``ConfigurationError``.
    public func validate() throws {
        guard (0...65_535).contains(port) else { throw ConfigurationError(message: "port must be between 0 and 65535") }
        guard (1_024...(64 << 20)).contains(maxBodyBytes) else { throw ConfigurationError(message: "maxBodyBytes must be between 1 KiB and 64 MiB") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ConfigurationError(
                message: "logLevel must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), not '\(logLevel)'")
        }
        let runtime = try DatabaseURL(database)
        if let migrationDatabase {
            guard case .postgres = runtime, case .postgres = try DatabaseURL(migrationDatabase) else {
                throw ConfigurationError(message: "migrationDatabase is for PostgreSQL: both it and database must be postgres:// URLs")
            }
        }
        for proxy in trustedProxies where IPBlock(proxy) == nil {
            throw ConfigurationError(message: "trustedProxies: '\(proxy)' is not an IP address or CIDR block such as 10.0.0.0/8")
        }
        try limits.validate()
        try tracing?.validate()
        try validateMetrics()
        if integrations.intakeFormSecretFile != nil { _ = try integrations.intakeFormSecret() }
        for tenant in tenants { try tenant.identityProvider?.validate(tenant: tenant.id) }
    }

    /// A configuration or tenant file, read by the same strict parser as every request body
    /// (``KlageRPC/StrictJSON``): a file from outside the process never reaches Foundation's decoder.
    private static func decode<T: Decodable>(_ type: T.Type, at path: String) throws -> T {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(message: "cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return try StrictJSON.decode(T.self, from: data, maximumDepth: 32)
        } catch {
            throw ConfigurationError(message: "cannot read \(path): \(error.reason)")
        }
    }
}

/// A configuration that cannot be used, with what is wrong.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
