/// Where the server sends its traces: off unless an endpoint is given (`tracing.endpoint` in
/// `klage.json`, or `KLAGE_TRACES_ENDPOINT`). The standard `OTEL_*` variables (headers, TLS, sampler,
/// timeouts) apply on top, as swift-otel reads them.
public struct TracingSettings: Codable, Sendable, Hashable {
    /// The OTLP/HTTP URL spans are posted to, e.g. `http://otel-collector:4318/v1/traces`.
    public var endpoint: String
    /// `http/protobuf` (the default) or `http/json`.
    public var `protocol`: String = "http/protobuf"
    /// The `service.name` the spans carry.
    public var serviceName: String = "klage"

    public init(endpoint: String, protocol: String = "http/protobuf", serviceName: String = "klage") {
        self.endpoint = endpoint
        self.protocol = `protocol`
        self.serviceName = serviceName
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        endpoint = try container.decode(String.self, forKey: .endpoint)
        `protocol` = try container.decodeIfPresent(String.self, forKey: .protocol) ?? "http/protobuf"
        serviceName = try container.decodeIfPresent(String.self, forKey: .serviceName) ?? "klage"
    }

    /// - Throws: ``ConfigurationError`` naming what is wrong.
    func validate() throws {
        guard endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://"), endpoint.count > 8, !endpoint.contains(" ") else {
            throw ConfigurationError(message: "tracing.endpoint must be an http:// or https:// URL, e.g. http://otel-collector:4318/v1/traces")
        }
        guard ["http/protobuf", "http/json"].contains(`protocol`) else {
            throw ConfigurationError(message: "tracing.protocol must be http/protobuf or http/json")
        }
        guard !serviceName.isEmpty, serviceName.count <= 100 else {
            throw ConfigurationError(message: "tracing.serviceName must be 1 to 100 characters")
        }
    }
}
