import Foundation
public import KlageKernel
public import KlageReports

/// Everything the core methods call: the kernel's services plus the host's health and version.
public struct RPCServices: Sendable {
    public let env: ServiceEnvironment
    public let complaints: ComplaintService
    public let learning: LearningService
    public let tenants: TenantService
    public let keys: APIKeyService
    public let surveys: SurveyService
    /// The leaders' figures, read from the store's report cells.
    public let reports: ReportService
    /// Answers whether storage is reachable, and the engine's name.
    public let storageHealth: @Sendable () async -> (ok: Bool, engine: String)
    /// Klage's semantic version (`major.minor.patch`), shown to operators only.
    public let version: String
    /// The contract's version as `rpc.discover` names it to anyone: the major and minor version, which
    /// say what a case system may rely on, without the patch level that would date the build.
    var contractVersion: String { version.split(separator: ".").prefix(2).joined(separator: ".") }

    public init(
        env: ServiceEnvironment, reports: any ReportStore & EvidenceStore, version: String,
        storageHealth: @escaping @Sendable () async -> (ok: Bool, engine: String)
    ) {
        self.env = env
        self.complaints = ComplaintService(env)
        self.learning = LearningService(env)
        self.tenants = TenantService(env)
        self.keys = APIKeyService(env)
        self.surveys = SurveyService(env)
        self.reports = ReportService(store: reports, clock: env.clock)
        self.storageHealth = storageHealth
        self.version = version
    }

    /// Now, by the host's clock.
    var now: Date { env.clock.now() }
}
