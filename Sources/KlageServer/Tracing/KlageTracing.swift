public import Logging
import OTel
public import ServiceLifecycle
public import Tracing

/// The server's tracer and the service that exports its spans over OTLP/HTTP (swift-otel), made from
/// ``TracingSettings``; the service runs beside HTTP and flushes what is left when the server stops.
///
/// Not bootstrapped process-wide: each host holds its own, so tests run traced and untraced servers side
/// by side. Spans carry ids, names, methods, tenants and outcomes, never params or personal data.
public struct KlageTracing: Sendable {
    public let tracer: any Tracer
    public let service: any Service

    /// - Throws: swift-otel's error for a configuration it cannot use.
    public static func make(_ settings: TracingSettings, logger: Logger) throws -> KlageTracing {
        var configuration = OTel.Configuration.default
        configuration.serviceName = settings.serviceName
        configuration.diagnosticLogger = .custom(logger)
        configuration.metrics.enabled = false
        configuration.logs.enabled = false
        configuration.traces.enabled = true
        configuration.traces.exporter = .otlp
        configuration.traces.otlpExporter.endpoint = settings.endpoint
        configuration.traces.otlpExporter.protocol = settings.protocol == "http/json" ? .httpJSON : .httpProtobuf
        configuration.propagators = [.traceContext]
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        return KlageTracing(tracer: backend.factory, service: backend.service)
    }
}
