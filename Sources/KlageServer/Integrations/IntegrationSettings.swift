import Foundation

/// The host's settings for integrations: webhooks, the live event stream and the citizen's intake page.
/// In `klage.json` under `"integrations"`; the environment variables named below override it. (How often
/// webhooks are delivered is the delivery dispatcher's ``ServerConfiguration/deliveryIntervalSeconds``.)
public struct IntegrationSettings: Sendable, Codable, Equatable {
    /// How long one delivery may take before it counts as failed, in seconds.
    public var webhookTimeoutSeconds: Double = 10
    /// Tenants whose webhooks may target private addresses (RFC 1918, unique local, CGNAT), and plain
    /// http: set by the host operator only, for a case system on the municipality's own network
    /// (`KLAGE_WEBHOOK_PRIVATE_TARGET_TENANTS`, comma-separated). Loopback, link-local, the cloud
    /// metadata addresses and unspecified addresses stay refused for them too.
    public var webhookPrivateTargetTenants: [String] = []
    /// **Tests only.** Lets the tenants in ``webhookPrivateTargetTenants`` target loopback, where a
    /// test's receiver listens. It is not read from `klage.json` or the environment, and not written
    /// back: only code that builds the configuration (a test, the test-only server
    /// `klage-test-server`) can set it, so no deployment can turn it on.
    public var allowLoopbackTargetsForTests = false
    /// How often each tenant's feed is read for its `/rpc/ws` subscribers, in seconds: one read per
    /// tenant with subscribers, however many there are (``TenantEventHub``).
    public var streamIntervalSeconds: Double = 0.1
    /// The most `/rpc/ws` connections one key may hold open on this instance.
    public var socketsPerKey: Int = 8
    /// The most `/rpc/ws` connections one tenant's keys may hold open together on this instance.
    public var socketsPerTenant: Int = 64
    /// The most `/console/ws` connections one tenant's people may hold open together on this instance
    /// (a page each, at most ``socketsPerKey`` per person); counted apart from the keys' `/rpc/ws`
    /// sockets, so caseworkers' open pages never take a case system's place.
    public var consoleSocketsPerTenant: Int = 2_000
    /// A `/rpc/ws` connection that holds no subscription and has sent no message for this long is
    /// closed, in seconds.
    public var socketIdleSeconds: Double = 60
    /// The largest message a `/rpc/ws` client may send, in bytes.
    public var socketMessageBytes: Int = 65_536
    /// The events one subscription may have waiting to be sent; a subscriber that falls further behind
    /// is too slow, and its connection is closed.
    public var subscriberBufferEvents: Int = 1_000
    /// Complaints one client address may file through the intake page per hour.
    public var intakePerAddressPerHour: Int = 10
    /// Complaints one tenant takes through the intake page per hour, on each instance, unless its
    /// setting `intake.maxPerHour` says otherwise; past it the intake answers "try again later" and the
    /// tenant's attention list says so. 0 for no ceiling.
    public var intakePerTenantPerHour: Int = 100
    /// A file holding the secret that signs the intake form's tokens (``IntakeFormToken``); every
    /// instance behind one address needs the same (`KLAGE_INTAKE_FORM_SECRET_FILE`). Without one, each
    /// process makes its own.
    public var intakeFormSecretFile: String?

    public init() {}

    /// The settings `klage.json` holds: ``allowLoopbackTargetsForTests`` is not among them.
    private enum CodingKeys: String, CodingKey {
        case webhookTimeoutSeconds, webhookPrivateTargetTenants, streamIntervalSeconds
        case socketsPerKey, socketsPerTenant, consoleSocketsPerTenant, socketIdleSeconds, socketMessageBytes, subscriberBufferEvents
        case intakePerAddressPerHour, intakePerTenantPerHour, intakeFormSecretFile
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = IntegrationSettings()
        webhookTimeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .webhookTimeoutSeconds) ?? defaults.webhookTimeoutSeconds
        webhookPrivateTargetTenants = try container.decodeIfPresent([String].self, forKey: .webhookPrivateTargetTenants) ?? []
        streamIntervalSeconds = try container.decodeIfPresent(Double.self, forKey: .streamIntervalSeconds) ?? defaults.streamIntervalSeconds
        socketsPerKey = try container.decodeIfPresent(Int.self, forKey: .socketsPerKey) ?? defaults.socketsPerKey
        socketsPerTenant = try container.decodeIfPresent(Int.self, forKey: .socketsPerTenant) ?? defaults.socketsPerTenant
        consoleSocketsPerTenant =
            try container.decodeIfPresent(Int.self, forKey: .consoleSocketsPerTenant) ?? defaults.consoleSocketsPerTenant
        socketIdleSeconds = try container.decodeIfPresent(Double.self, forKey: .socketIdleSeconds) ?? defaults.socketIdleSeconds
        socketMessageBytes = try container.decodeIfPresent(Int.self, forKey: .socketMessageBytes) ?? defaults.socketMessageBytes
        subscriberBufferEvents = try container.decodeIfPresent(Int.self, forKey: .subscriberBufferEvents) ?? defaults.subscriberBufferEvents
        intakePerAddressPerHour = try container.decodeIfPresent(Int.self, forKey: .intakePerAddressPerHour) ?? defaults.intakePerAddressPerHour
        intakePerTenantPerHour = try container.decodeIfPresent(Int.self, forKey: .intakePerTenantPerHour) ?? defaults.intakePerTenantPerHour
        intakeFormSecretFile = try container.decodeIfPresent(String.self, forKey: .intakeFormSecretFile)
    }

    /// Applies the environment's overrides.
    public mutating func apply(environment: [String: String]) throws {
        if let tenants = environment["KLAGE_WEBHOOK_PRIVATE_TARGET_TENANTS"] {
            webhookPrivateTargetTenants = tenants.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let file = environment["KLAGE_INTAKE_FORM_SECRET_FILE"], !file.isEmpty { intakeFormSecretFile = file }
    }

    /// The intake form's signing secret: the file's bytes, or a random one for this process.
    /// - Throws: ``ConfigurationError`` when the file is named but cannot be read or is shorter than 16 bytes.
    func intakeFormSecret() throws -> Data {
        guard let file = intakeFormSecretFile else { return IntakeFormToken.randomSecret() }
        guard let data = FileManager.default.contents(atPath: file), data.count >= 16 else {
            throw ConfigurationError(message: "intakeFormSecretFile: cannot read at least 16 bytes from \(file)")
        }
        return data
    }
}
